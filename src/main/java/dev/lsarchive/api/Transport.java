package dev.lsarchive.api;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The connections to the gateway: one pool, and two signing {@link RestClient}s over it, one for
 * ordinary answers and one for event lists, each with its own timeout.
 */
final class Transport implements AutoCloseable {

	// Apache's header and wire logs would print every request's signature and every body's stream keys
	private static final List<String> TRANSPORT_LOGS = List.of("org.apache.hc.client5.http.headers",
			"org.apache.hc.client5.http.wire");

	// more than the job ever has in flight (event threads plus snapshot fetches): a request never waits for one
	private static final int MAX_CONNECTIONS = 64;

	private final CloseableHttpClient http;

	private final RestClient rest;

	private final RestClient streamRest;

	Transport(LiveStationProperties properties, Clock clock) {
		this.http = pooledHttpClient(properties.connectTimeout());
		SigningInterceptor signer = new SigningInterceptor(properties.accessKey(), properties.secretKey(),
				properties.regionCode(), clock);
		this.rest = restClient(this.http, properties.baseUrl(), properties.readTimeout(), signer);
		this.streamRest = restClient(this.http, properties.baseUrl(), properties.streamTimeout(), signer);
	}

	/** The client of ordinary answers, under the read timeout. */
	RestClient rest() {
		return this.rest;
	}

	/** The client of event lists, under the stream timeout. */
	RestClient streamRest() {
		return this.streamRest;
	}

	// blocking reads straight from a pooled socket: a fraction of the CPU per byte of the JDK's
	// asynchronous client (docs/performance.md). Its own retries are off, so that every attempt is
	// ours to sign, count and pace; bodies arrive as sent, so that their fingerprint is the body's.
	private static CloseableHttpClient pooledHttpClient(Duration connectTimeout) {
		LoggingSystem logging = LoggingSystem.get(Transport.class.getClassLoader());
		for (String transportLog : TRANSPORT_LOGS) {
			logging.setLogLevel(transportLog, LogLevel.OFF);
		}
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.useSystemProperties()
				.setMaxConnTotal(MAX_CONNECTIONS)
				.setMaxConnPerRoute(MAX_CONNECTIONS)
				.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
				.build())
			.disableAutomaticRetries()
			.disableContentCompression()
			.disableRedirectHandling()
			.disableCookieManagement()
			.build();
	}

	// the timeout bounds every wait for the gateway, for the answer and for each next part of its
	// body; ResponseBody bounds the whole
	private static RestClient restClient(CloseableHttpClient http, URI baseUrl, Duration timeout,
			SigningInterceptor signer) {
		HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(http);
		factory.setReadTimeout(timeout);
		return RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(factory).requestInterceptor(signer).build();
	}

	/** Closes the connections to the gateway. */
	@Override
	public void close() {
		try {
			this.http.close();
		}
		catch (IOException ex) {
			// the process is ending its use of the gateway; nothing is left to lose
		}
	}

}
