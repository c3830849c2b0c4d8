package dev.lsarchive.callback;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the callback receiver ({@code --archive.job=callback-receiver}).
 *
 * @param token the secret path segment of the callback URL ({@code POST /callbacks/{token}}); required, never logged
 * @param maxBodySize largest body accepted; a larger one is answered 413 without being read whole
 * @param queueCapacity callbacks waiting for their commit at most; beyond it a callback is answered 503 with Retry-After
 * @param batchSize callbacks written by one statement and one commit at most
 * @param committers threads that commit batches
 * @param heartbeat how often an idle receiver extends its window of uninterrupted acknowledgement
 * @param requestTimeout longest a request may take, from its first byte to its answer (slow senders included); then 503
 * @param retryAfter the {@code Retry-After} of a 503 answer
 * @param stopAfter when set, the receiver stops after this long (committing what it accepted) and exits 0
 */
@Validated
@ConfigurationProperties("archive.callback")
public record CallbackProperties(
		@NotBlank @Size(min = 16, max = 256, message = "it must have 16 to 256 characters")
		@Pattern(regexp = "[A-Za-z0-9._~-]*", message = "it may hold letters, digits and . _ ~ - only") @Nullable String token,
		@NotNull @DefaultValue("16KB") DataSize maxBodySize,
		@Min(1) @Max(1_000_000) @DefaultValue("4096") int queueCapacity,
		@Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
		@Min(1) @Max(16) @DefaultValue("1") int committers,
		@NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration heartbeat,
		@NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration requestTimeout,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1s") Duration retryAfter,
		@Nullable Duration stopAfter) {

	/** Largest body accepted, in bytes. */
	int maxBodyBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 1, this.maxBodySize.toBytes());
	}

}
