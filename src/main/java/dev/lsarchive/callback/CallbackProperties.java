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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.lsarchive.config.SettingAdvice;

/**
 * The callback endpoint's settings, every {@code archive.callback.*} one: the endpoint that
 * {@code --archive.job=register-callback} registers with Live Station, and the callback receiver that serves it
 * ({@code --archive.job=callback-receiver}).
 *
 * @param url the receiver's URL, with its secret path ({@code https://archive.example/callbacks/<token>}): https,
 * or http for a loopback host only; never printed or logged whole
 * @param channel register it for this channel alone (its kind, live, re-stream or VOD2LIVE, picks the
 * endpoint), instead of as the default of every channel
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
@ConfigurationProperties(CallbackProperties.PREFIX)
public record CallbackProperties(
		@Nullable String url,
		@Nullable String channel,
		@NotBlank @Size(min = TOKEN_MIN, max = TOKEN_MAX, message = "it must have 16 to 256 characters")
		@Pattern(regexp = TOKEN_CHARACTERS, message = "it may hold letters, digits and . _ ~ - only") @Nullable String token,
		@NotNull @DefaultValue("16KB") DataSize maxBodySize,
		@Min(1) @Max(1_000_000) @DefaultValue("4096") int queueCapacity,
		@Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
		@Min(1) @Max(16) @DefaultValue("1") int committers,
		@NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration heartbeat,
		@NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration requestTimeout,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1s") Duration retryAfter,
		@Nullable Duration stopAfter) {

	/** Fewest characters of a token. */
	public static final int TOKEN_MIN = 16;

	/** Most characters of a token. */
	public static final int TOKEN_MAX = 256;

	/** What a token may hold: the characters a URL's path carries as they are, none that needs escaping. */
	public static final String TOKEN_CHARACTERS = "[A-Za-z0-9._~-]*";

	/** The prefix of every setting here. */
	public static final String PREFIX = "archive.callback";

	/** What a registration without {@code archive.callback.url} is told, with how to set it. */
	public static final String URL_MISSING = "archive.callback.url is not set, the receiver's URL with its secret"
			+ " token (https://…/callbacks/<token>): " + SettingAdvice.howToSet("archive.callback.url");

	/**
	 * The settings as {@code environment} gives them, not validated: a registration reads the URL and the channel
	 * alone, and needs no receiver's token (a value of the wrong form is refused by the settings check before).
	 */
	public static CallbackProperties of(Environment environment) {
		return Binder.get(environment).bindOrCreate(PREFIX, CallbackProperties.class);
	}

	/** Whether {@code text} is a token the receiver accepts ({@code archive.callback.token}'s rule). */
	public static boolean isToken(String text) {
		return text.length() >= TOKEN_MIN && text.length() <= TOKEN_MAX && text.matches(TOKEN_CHARACTERS);
	}

	/** Whether {@code url}, a value of {@code archive.callback.url}, is given. */
	public static boolean hasUrl(@Nullable String url) {
		return url != null && !url.isBlank();
	}

	/** Largest body accepted, in bytes. */
	int maxBodyBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 1, this.maxBodySize.toBytes());
	}

	// the URL and the token carry the receiver's secret
	@Override
	public String toString() {
		return "CallbackProperties[url=" + ((this.url != null) ? "******" : "none") + ", channel=" + this.channel
				+ ", token=" + ((this.token != null) ? "******" : "none") + ", maxBodySize=" + this.maxBodySize
				+ ", queueCapacity=" + this.queueCapacity + ", batchSize=" + this.batchSize + ", committers="
				+ this.committers + ", heartbeat=" + this.heartbeat + ", requestTimeout=" + this.requestTimeout
				+ ", retryAfter=" + this.retryAfter + ", stopAfter=" + this.stopAfter + "]";
	}

}
