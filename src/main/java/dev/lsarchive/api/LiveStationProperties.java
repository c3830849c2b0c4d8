package dev.lsarchive.api;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.lsarchive.config.SettingAdvice;

/**
 * Connection to the Live Station API gateway.
 *
 * @param baseUrl gateway base URL, without the path that every {@link ApiPath} begins with
 * @param accessKey access key id of the (sub-)account
 * @param secretKey secret key of the (sub-)account; never logged or printed
 * @param regionCode region code sent as {@code x-ncp-region_code}
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest time for one ordinary response, from request to last byte (and so
 * the longest wait for any part of it)
 * @param streamTimeout longest time for one event list response, which may hold a million events
 * @param maxAttempts attempts per request, the first included, for retryable failures
 * @param initialBackoff wait before the first retry; doubles per attempt, with jitter
 * @param maxBackoff longest wait between two attempts, {@code Retry-After} included
 * @param requestsPerSecond request budget shared by every caller in this process
 * @param allowInsecureHttp accept a plain {@code http://} base URL (simulator and tests only)
 */
@Validated
@ConfigurationProperties("livestation.api")
public record LiveStationProperties(
		@NotNull @DefaultValue("https://livestation.apigw.ntruss.com") URI baseUrl,
		String accessKey,
		String secretKey,
		@NotBlank @Pattern(regexp = "[A-Z]{2,5}", message = "must be an upper-case region code such as KR") @DefaultValue("KR") String regionCode,
		@NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration readTimeout,
		@NotNull @DurationMin(millis = 1) @DefaultValue("10m") Duration streamTimeout,
		@Min(1) @Max(20) @DefaultValue("6") int maxAttempts,
		@NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration initialBackoff,
		@NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration maxBackoff,
		@Min(1) @Max(100_000) @DefaultValue("20") int requestsPerSecond,
		@DefaultValue("false") boolean allowInsecureHttp) {

	public LiveStationProperties {
		List<String> problems = new ArrayList<>();
		requireSet(accessKey, "livestation.api.access-key", problems);
		requireSet(secretKey, "livestation.api.secret-key", problems);
		if (baseUrl != null && !"https".equalsIgnoreCase(baseUrl.getScheme()) && !allowInsecureHttp) {
			problems.add("livestation.api.base-url must be an https URL"
					+ ((baseUrl.getScheme() != null) ? " (it starts with '" + baseUrl.getScheme() + ":')"
							: " such as https://livestation.apigw.ntruss.com")
					+ "; plain http is only for the simulator (livestation.api.allow-insecure-http=true)");
		}
		if (!problems.isEmpty()) {
			// one line per problem: every problem of a start is told at once
			throw new IllegalArgumentException(String.join("\n", problems));
		}
	}

	// Boot would name a missing value by its field (accessKey); an operator sets the property or the variable
	private static void requireSet(String value, String property, List<String> problems) {
		if (value == null || value.isBlank()) {
			problems.add(property + " is not set: " + SettingAdvice.howToSet(property));
		}
	}

	/** A copy pointing at another gateway with other keys, e.g. the in-process simulator. */
	public LiveStationProperties withEndpoint(URI baseUrl, String accessKey, String secretKey) {
		return new LiveStationProperties(baseUrl, accessKey, secretKey, this.regionCode, this.connectTimeout,
				this.readTimeout, this.streamTimeout, this.maxAttempts, this.initialBackoff, this.maxBackoff, this.requestsPerSecond,
				!"https".equalsIgnoreCase(baseUrl.getScheme()) || this.allowInsecureHttp);
	}

	// the secret key is left out on purpose: a record's default toString would print it
	@Override
	public String toString() {
		return "LiveStationProperties[baseUrl=" + this.baseUrl + ", accessKey=" + this.accessKey
				+ ", secretKey=******, regionCode=" + this.regionCode + ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout + ", maxAttempts=" + this.maxAttempts + ", requestsPerSecond="
				+ this.requestsPerSecond + "]";
	}

}
