package dev.lsarchive.support;

import java.net.URI;
import java.time.Duration;

import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.simulator.LiveStationSimulator;

/**
 * {@link LiveStationProperties} for tests, each setting by name. Unless a test sets its own: region
 * KR, timeouts of 2 s (connect), 5 s (read) and 30 s (stream), 8 attempts with backoffs from 2 ms to
 * 5 s, so that retries do not slow a test, a budget of 10,000 requests per second that no test
 * reaches, and plain http allowed.
 */
public final class ApiSettings {

	private final URI baseUrl;

	private final String accessKey;

	private String secretKey;

	private Duration connectTimeout = Duration.ofSeconds(2);

	private Duration readTimeout = Duration.ofSeconds(5);

	private Duration streamTimeout = Duration.ofSeconds(30);

	private int maxAttempts = 8;

	private Duration initialBackoff = Duration.ofMillis(2);

	private Duration maxBackoff = Duration.ofSeconds(5);

	private int requestsPerSecond = 10_000;

	private boolean allowInsecureHttp = true;

	private ApiSettings(URI baseUrl, String accessKey, String secretKey) {
		this.baseUrl = baseUrl;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
	}

	/** Settings pointing at {@code simulator}, with its keys. */
	public static ApiSettings of(LiveStationSimulator simulator) {
		return at(simulator.baseUrl(), simulator.accessKey(), simulator.secretKey());
	}

	/** Settings pointing at the gateway at {@code baseUrl}, with these keys. */
	public static ApiSettings at(URI baseUrl, String accessKey, String secretKey) {
		return new ApiSettings(baseUrl, accessKey, secretKey);
	}

	/** Another secret key (a wrong one, say). */
	public ApiSettings secretKey(String secretKey) {
		this.secretKey = secretKey;
		return this;
	}

	public ApiSettings connectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		return this;
	}

	public ApiSettings readTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
		return this;
	}

	public ApiSettings streamTimeout(Duration streamTimeout) {
		this.streamTimeout = streamTimeout;
		return this;
	}

	/** Attempts per request, the first included: 1 for no retry. */
	public ApiSettings maxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
		return this;
	}

	/** The wait before the first retry and the longest wait between two attempts. */
	public ApiSettings backoff(Duration initialBackoff, Duration maxBackoff) {
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		return this;
	}

	public ApiSettings requestsPerSecond(int requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
		return this;
	}

	public ApiSettings allowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
		return this;
	}

	/** The settings; the record refuses keys left unset and plain http unless allowed. */
	public LiveStationProperties build() {
		return new LiveStationProperties(this.baseUrl, this.accessKey, this.secretKey, "KR", this.connectTimeout,
				this.readTimeout, this.streamTimeout, this.maxAttempts, this.initialBackoff, this.maxBackoff,
				this.requestsPerSecond, this.allowInsecureHttp);
	}

}
