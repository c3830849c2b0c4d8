package dev.lsarchive.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed client of the Live Station API v2: signs every attempt, retries what may succeed later
 * (429, 502, 503, 504, I/O, cut-off or malformed bodies) with exponential backoff, jitter and
 * {@code Retry-After}, keeps one request budget for the whole process, and fails fast on 401/403.
 */
public class LiveStationClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LiveStationClient.class);

	private static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

	private static final int MAX_ERROR_BODY = 64 * 1024;

	// Live Station's own "not found", documented with HTTP 404 but not only there
	private static final String NOT_FOUND = "250004";

	// Apache's header and wire logs would print every request's signature and every body's stream keys
	private static final List<String> TRANSPORT_LOGS = List.of("org.apache.hc.client5.http.headers",
			"org.apache.hc.client5.http.wire");

	// more than the job ever has in flight (event threads plus snapshot fetches): a request never waits for one
	private static final int MAX_CONNECTIONS = 64;

	private final CloseableHttpClient http;

	private final RestClient rest;

	private final RestClient streamRest;

	private final Duration readTimeout;

	private final Duration streamTimeout;

	/** Longest string of a response (a description, say); a longer one fails the request, never the heap. */
	static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

	/** Deepest nesting of a response; the API's own JSON is four levels deep. */
	static final int MAX_NESTING_DEPTH = 64;

	// the event stream reads one element at a time from an open body: what follows it is not "trailing"
	private final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(MAX_STRING_LENGTH)
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.build())
		.build())
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final Retry retry;

	private final RateLimiter rateLimiter;

	private final ApiCallStats stats;

	private final Clock clock;

	public LiveStationClient(LiveStationProperties properties, ApiCallStats stats) {
		this(properties, stats, Clock.systemUTC());
	}

	/** A client whose signing clock is {@code clock} (tests: skew drills). */
	public LiveStationClient(LiveStationProperties properties, ApiCallStats stats, Clock clock) {
		this.stats = stats;
		this.clock = clock;
		this.http = pooledHttpClient(properties.connectTimeout());
		SigningInterceptor signer = new SigningInterceptor(properties.accessKey(), properties.secretKey(),
				properties.regionCode(), clock);
		this.rest = restClient(this.http, properties.baseUrl(), properties.readTimeout(), signer);
		this.streamRest = restClient(this.http, properties.baseUrl(), properties.streamTimeout(), signer);
		this.readTimeout = properties.readTimeout();
		this.streamTimeout = properties.streamTimeout();
		this.retry = Retry.of("livestation-api", RetryConfig.custom()
			.maxAttempts(properties.maxAttempts())
			.retryOnException(LiveStationClient::isRetryable)
			.intervalBiFunction(backoff(properties.initialBackoff(), properties.maxBackoff()))
			.build());
		this.retry.getEventPublisher().onRetry((event) -> {
			stats.retried(event.getWaitInterval());
			log.info("Retrying {} (attempt {} of {}) in {} ms: {}", event.getName(), event.getNumberOfRetryAttempts() + 1,
					properties.maxAttempts(), event.getWaitInterval().toMillis(),
					(event.getLastThrowable() != null) ? event.getLastThrowable().getMessage() : "");
		});
		this.rateLimiter = RateLimiter.of("livestation-api", RateLimiterConfig.custom()
			.limitForPeriod(properties.requestsPerSecond())
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(Duration.ofHours(1))
			.build());
	}

	// blocking reads straight from a pooled socket: a fraction of the CPU per byte of the JDK's
	// asynchronous client (docs/performance.md). Its own retries are off, so that every attempt is
	// ours to sign, count and pace; bodies arrive as sent, so that their fingerprint is the body's.
	private static CloseableHttpClient pooledHttpClient(Duration connectTimeout) {
		LoggingSystem logging = LoggingSystem.get(LiveStationClient.class.getClassLoader());
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

	/** One page of {@code GET /api/v2/channels}. */
	public ChannelPage channelPage(int pageNo, int pageSizeNo) {
		return channelPage(ChannelKind.LIVE, pageNo, pageSizeNo);
	}

	/** One page of the listing of {@code kind}. */
	public ChannelPage channelPage(ChannelKind kind, int pageNo, int pageSizeNo) {
		String what = "GET " + kind.listPath() + "?pageNo=" + pageNo + "&pageSizeNo=" + pageSizeNo;
		return call(what, (uri) -> uri.path(kind.listPath())
			.queryParam("pageNo", pageNo)
			.queryParam("pageSizeNo", pageSizeNo)
			.build(), (root) -> {
				JsonNode content = root.path("content");
				if (!content.isArray()) {
					throw malformed(what, "no 'content' array in the response", null);
				}
				List<ChannelDto> channels = new ArrayList<>(content.size());
				for (JsonNode node : content.values()) {
					channels.add(ChannelDto.from(node, kind));
				}
				JsonNode total = root.path("total");
				return new ChannelPage(channels, total.canConvertToLong() ? total.asLong() : -1);
			});
	}

	/** {@code GET /api/v2/channels/{channelId}}; empty when the channel does not exist. */
	public Optional<ChannelDto> channel(String channelId) {
		return notFoundAsEmpty(() -> call("GET /api/v2/channels/" + channelId,
				(uri) -> uri.path("/api/v2/channels/{id}").build(channelId),
				(root) -> ChannelDto.from(root.path("content"), ChannelKind.LIVE)));
	}

	/**
	 * The re-stream targets of a re-stream channel ({@code restream[]} of
	 * {@code GET /api/v2/re-stream/channels/{channelId}}), without their secrets; empty when the
	 * channel does not exist, an empty list when its info shows no targets.
	 */
	public Optional<List<RestreamTarget>> restreamTargets(String channelId) {
		return notFoundAsEmpty(() -> call("GET /api/v2/re-stream/channels/" + channelId,
				(uri) -> uri.path("/api/v2/re-stream/channels/{id}").build(channelId), (root) -> {
					List<RestreamTarget> targets = ChannelDto.targets(root.path("content"));
					return (targets != null) ? targets : List.<RestreamTarget>of();
				}));
	}

	/**
	 * The recordings of a channel ({@code GET /api/v2/channels/{channelId}/records}: an object keyed
	 * by record id, read as an array too); empty when the channel does not exist.
	 */
	public Optional<List<RecordingDto>> recordings(String channelId) {
		String what = "GET /api/v2/channels/" + channelId + "/records";
		return notFoundAsEmpty(() -> call(what, (uri) -> uri.path("/api/v2/channels/{id}/records").build(channelId),
				(root) -> {
					JsonNode list = root.path("content").path("recordList");
					List<RecordingDto> recordings = new ArrayList<>();
					if (list.isObject()) {
						list.properties().forEach((entry) -> recordings.add(RecordingDto.from(entry.getKey(), entry.getValue())));
					}
					else if (list.isArray()) {
						list.values().forEach((node) -> recordings.add(RecordingDto.from(null, node)));
					}
					else if (!list.isMissingNode() && !list.isNull()) {
						throw malformed(what, "'recordList' is neither an object nor an array", null);
					}
					return recordings;
				}));
	}

	/** {@code GET /api/v2/channels/{channelId}/snapshot/{snapshotId}}; empty when it no longer exists. */
	public Optional<SnapshotDto> snapshot(String channelId, String snapshotId) {
		return notFoundAsEmpty(() -> call("GET /api/v2/channels/" + channelId + "/snapshot/" + snapshotId,
				(uri) -> uri.path("/api/v2/channels/{id}/snapshot/{sid}").build(channelId, snapshotId),
				(root) -> SnapshotDto.from(root.path("content"))));
	}

	/**
	 * The events of one channel ({@code GET /api/v2/events?channelId=…}), or of every channel when
	 * {@code channelId} is null, parsed one event at a time.
	 */
	public EventStream events(@Nullable String channelId) {
		return new EventStream(this, channelId, this.json);
	}

	InputStream openEventStream(@Nullable String channelId) {
		String what = "GET /api/v2/events" + ((channelId != null) ? "?channelId=" + channelId : "");
		long requestedAt = paced();
		ClientHttpResponse response = send(this.streamRest, what, (uri) -> {
			uri.path("/api/v2/events");
			if (channelId != null) {
				uri.queryParam("channelId", channelId);
			}
			return uri.build();
		});
		try {
			return new ResponseBody(response.getBody(), requestedAt, this.streamTimeout);
		}
		catch (IOException ex) {
			response.close();
			throw new UncheckedIOException(ex);
		}
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

	/** Runs one attempt-function with this client's retry policy; the function reopens what it needs. */
	<T> T retrying(String what, Supplier<T> attempt) {
		try {
			return Retry.decorateSupplier(this.retry, attempt).get();
		}
		catch (RuntimeException ex) {
			this.stats.failed();
			throw asApiException(what, ex);
		}
	}

	// a body broken off mid-way is resumed at once: a retry without a wait
	void countRetry() {
		this.stats.retried(Duration.ZERO);
	}

	private <T> T call(String what, Function<UriBuilder, URI> uri, Function<JsonNode, T> parse) {
		return retrying(what, () -> {
			long requestedAt = paced();
			try (ClientHttpResponse response = send(this.rest, what, uri);
					InputStream body = new ResponseBody(response.getBody(), requestedAt, this.readTimeout)) {
				JsonNode root;
				try {
					root = this.json.readTree(body);
				}
				catch (JacksonException ex) {
					throw brokenOff(ex) ? ex : malformed(what, "the body is not valid JSON", ex);
				}
				if (root == null || !root.isObject()) {
					throw malformed(what, "the body is not a JSON object", null);
				}
				return parse.apply(root);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	// waits for the request budget, then tells when the request goes out: its timeout starts there
	private long paced() {
		RateLimiter.waitForPermission(this.rateLimiter);
		return System.nanoTime();
	}

	/** One signed attempt, sent once {@link #paced()}; returns an open 2xx response or throws the mapped error. */
	private ClientHttpResponse send(RestClient client, String what, Function<UriBuilder, URI> uri) {
		this.stats.requestSent();
		ClientHttpResponse response = client.get().uri(uri).exchange((request, resp) -> resp, false);
		try {
			int status = response.getStatusCode().value();
			if (status >= 200 && status < 300) {
				return response;
			}
			try (response) {
				throw errorFor(what, response, status);
			}
		}
		catch (IOException ex) {
			response.close();
			throw new UncheckedIOException(ex);
		}
	}

	private LiveStationApiException errorFor(String what, ClientHttpResponse response, int status) throws IOException {
		String traceId = response.getHeaders().getFirst("x-ncp-trace-id");
		ErrorBody error;
		try (InputStream body = new ResponseBody(response.getBody(), System.nanoTime(), this.readTimeout)) {
			error = ErrorBody.read(body, MAX_ERROR_BODY, this.json);
		}
		String detail = "HTTP " + status + ((error.code() != null) ? ", errorCode " + error.code() : "")
				+ ((error.message() != null) ? " " + error.message() : "");
		if (status == 401 || status == 403) {
			return new LiveStationAuthException(what + " was refused (" + detail + "): " + authCause(status,
					error.code(), response.getHeaders().getFirst("Date")), status, error.code(), traceId);
		}
		if (status == 429) {
			this.stats.throttled();
		}
		boolean retryable = status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
		return new LiveStationApiException(what + " failed (" + detail + ")", status, error.code(), traceId,
				retryable, retryAfter(response.getHeaders().getFirst("Retry-After"), this.clock), null);
	}

	private String authCause(int status, @Nullable String errorCode, @Nullable String serverDate) {
		if ("210".equals(errorCode) || "230".equals(errorCode) || status == 403) {
			return "the account lacks permission for Live Station (check the sub-account's policy for livestation.api.access-key)";
		}
		Duration skew = clockSkew(serverDate);
		if (skew != null && skew.abs().compareTo(ALLOWED_SKEW) > 0) {
			return "this machine's clock is " + skew.abs().toMinutes()
					+ " minutes off the gateway's (more than the 5 minutes it allows): synchronise the clock (NTP)";
		}
		return "wrong livestation.api.access-key or livestation.api.secret-key"
				+ " (or a clock more than 5 minutes off the gateway's)";
	}

	private @Nullable Duration clockSkew(@Nullable String serverDate) {
		if (serverDate == null) {
			return null;
		}
		try {
			ZonedDateTime server = ZonedDateTime.parse(serverDate, DateTimeFormatter.RFC_1123_DATE_TIME);
			return Duration.ofMillis(this.clock.millis() - server.toInstant().toEpochMilli());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The wait a {@code Retry-After} header asks for: seconds, or an HTTP date judged by {@code clock}. */
	static @Nullable Duration retryAfter(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(clock.instant(), at.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (RuntimeException notADate) {
				return null;
			}
		}
	}

	// the parser failed because the body stopped arriving (cut off, timed out), not because of its content
	private static boolean brokenOff(Throwable ex) {
		return ex instanceof JacksonException && ex.getCause() instanceof IOException;
	}

	static LiveStationApiException malformed(String what, String why, @Nullable Throwable cause) {
		String reason = (cause != null && cause.getMessage() != null) ? ": " + firstLine(cause.getMessage()) : "";
		return new LiveStationApiException(what + " returned a malformed response (" + why + reason + ")", 0, null,
				null, true, null, cause);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		String line = (newline < 0) ? text : text.substring(0, newline);
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	static boolean isRetryable(Throwable ex) {
		if (ex instanceof LiveStationApiException api) {
			return api.isRetryable();
		}
		return ex instanceof ResourceAccessException || ex instanceof UncheckedIOException
				|| ex instanceof JacksonException;
	}

	private static LiveStationApiException asApiException(String what, RuntimeException ex) {
		if (ex instanceof LiveStationApiException api) {
			return api;
		}
		if (ex instanceof JacksonException && !brokenOff(ex)) {
			return malformed(what, "the body could not be parsed", ex);
		}
		String reason = (ex.getMessage() != null) ? firstLine(ex.getMessage()) : ex.getClass().getSimpleName();
		return new LiveStationApiException(what + " failed: " + reason, 0, null, null, isRetryable(ex), null, ex);
	}

	private static <T> Optional<T> notFoundAsEmpty(Supplier<T> call) {
		try {
			return Optional.of(call.get());
		}
		catch (LiveStationApiException ex) {
			if (ex.httpStatus() == 404 || NOT_FOUND.equals(ex.errorCode())) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static IntervalBiFunction<Object> backoff(Duration initial, Duration max) {
		return (attempt, outcome) -> {
			if (outcome.isLeft() && outcome.getLeft() instanceof LiveStationApiException api
					&& api.retryAfter() != null) {
				return Math.min(api.retryAfter().toMillis(), max.toMillis());
			}
			// "equal jitter": half fixed, half random, so that parallel partitions do not retry in step
			long exponential = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
			long half = Math.max(1, exponential / 2);
			return half + ThreadLocalRandom.current().nextLong(half + 1);
		};
	}

	/** The decoded error body of either documented shape, errorCode read as text whatever its JSON type. */
	record ErrorBody(@Nullable String code, @Nullable String message) {

		static ErrorBody read(InputStream body, int limit, JsonMapper json) {
			try {
				byte[] bytes = body.readNBytes(limit);
				JsonNode error = json.readTree(bytes).path("error");
				return new ErrorBody(JsonText.field(error, "errorCode"), JsonText.field(error, "message"));
			}
			catch (IOException | RuntimeException ex) {
				return new ErrorBody(null, null);
			}
		}

	}

}
