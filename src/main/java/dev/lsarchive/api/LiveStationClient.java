package dev.lsarchive.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Typed client of the Live Station API v2, the one the steps call: every attempt waits for the
 * process's {@link RateBudget}, goes out signed over the {@link Transport}, and is retried under the
 * {@link RetryPolicy} (429, 5xx, I/O, cut-off or malformed bodies, with backoff, jitter and
 * {@code Retry-After}); a failure is told by {@link ErrorMapping} (at once on 401/403), an answer
 * read by {@link ResponseParsing}.
 */
public class LiveStationClient implements AutoCloseable {

	// Live Station's own "not found", documented with HTTP 404 but not only there
	private static final String NOT_FOUND = "250004";

	private final Transport transport;

	private final RateBudget budget;

	private final Retry retry;

	private final ErrorMapping errors;

	private final ApiCallStats stats;

	private final Duration readTimeout;

	private final Duration streamTimeout;

	public LiveStationClient(LiveStationProperties properties, ApiCallStats stats) {
		this(properties, stats, Clock.systemUTC());
	}

	/** A client whose signing clock is {@code clock} (tests: skew drills). */
	public LiveStationClient(LiveStationProperties properties, ApiCallStats stats, Clock clock) {
		this.stats = stats;
		this.transport = new Transport(properties, clock);
		this.budget = new RateBudget(properties.requestsPerSecond());
		this.retry = RetryPolicy.of(properties).retry(stats);
		this.errors = new ErrorMapping(ResponseParsing.JSON, properties.readTimeout(), clock);
		this.readTimeout = properties.readTimeout();
		this.streamTimeout = properties.streamTimeout();
	}

	/** One page of the listing of live channels. */
	public ChannelPage channelPage(int pageNo, int pageSizeNo) {
		return channelPage(ChannelKind.LIVE, pageNo, pageSizeNo);
	}

	/** One page of the listing of {@code kind} ({@link ApiPath#listing}). */
	public ChannelPage channelPage(ChannelKind kind, int pageNo, int pageSizeNo) {
		ApiPath listing = ApiPath.listing(kind);
		String what = listing.label() + "?pageNo=" + pageNo + "&pageSizeNo=" + pageSizeNo;
		return call(what, (uri) -> uri.path(listing.template())
			.queryParam("pageNo", pageNo)
			.queryParam("pageSizeNo", pageSizeNo)
			.build(), (root) -> ResponseParsing.channelPage(root, kind, what));
	}

	/** A live channel's info ({@link ApiPath#CHANNEL}); empty when the channel does not exist. */
	public Optional<ChannelDto> channel(String channelId) {
		return notFoundAsEmpty(() -> call(ApiPath.CHANNEL, channelId, ResponseParsing::channel));
	}

	/**
	 * The re-stream targets of a re-stream channel ({@code restream[]} of {@link ApiPath#RE_STREAM_CHANNEL}),
	 * without their secrets; empty when the channel does not exist, an empty list when its info shows
	 * no targets.
	 */
	public Optional<List<RestreamTarget>> restreamTargets(String channelId) {
		return notFoundAsEmpty(() -> call(ApiPath.RE_STREAM_CHANNEL, channelId, ResponseParsing::restreamTargets));
	}

	/**
	 * The recordings of a channel ({@link ApiPath#RECORDINGS}: an object keyed by record id, read as
	 * an array too); empty when the channel does not exist.
	 */
	public Optional<List<RecordingDto>> recordings(String channelId) {
		String what = ApiPath.RECORDINGS.label(channelId);
		return notFoundAsEmpty(() -> call(what, (uri) -> uri.path(ApiPath.RECORDINGS.template()).build(channelId),
				(root) -> ResponseParsing.recordings(root, what)));
	}

	/**
	 * One recording of a channel ({@link ApiPath#RECORDING}); empty when the API does not know it (the
	 * recording or its channel is gone: the same "not found" answers both).
	 */
	public Optional<RecordingDto> recording(String channelId, String recordId) {
		String what = ApiPath.RECORDING.label(channelId, recordId);
		return notFoundAsEmpty(() -> call(what,
				(uri) -> uri.path(ApiPath.RECORDING.template()).build(channelId, recordId),
				(root) -> ResponseParsing.recording(root, recordId, what)));
	}

	/** A snapshot's info ({@link ApiPath#SNAPSHOT}); empty when it no longer exists. */
	public Optional<SnapshotDto> snapshot(String channelId, String snapshotId) {
		return notFoundAsEmpty(() -> call(ApiPath.SNAPSHOT.label(channelId, snapshotId),
				(uri) -> uri.path(ApiPath.SNAPSHOT.template()).build(channelId, snapshotId),
				ResponseParsing::snapshot));
	}

	/**
	 * The kind of the channel {@code channelId}, looked up in the listings of every kind (paged, 100 a
	 * page); empty when no listing shows it.
	 */
	public Optional<ChannelKind> channelKind(String channelId) {
		for (ChannelKind kind : ChannelKind.values()) {
			int seen = 0;
			for (int pageNo = 1;; pageNo++) {
				ChannelPage page = channelPage(kind, pageNo, 100);
				if (page.content().stream().anyMatch((channel) -> channelId.equals(channel.channelId()))) {
					return Optional.of(kind);
				}
				seen += page.content().size();
				if (page.content().isEmpty() || page.total() < 0 || seen >= page.total()) {
					break;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Registers {@code url} as the default callback endpoint of every channel
	 * ({@link ApiPath#CALLBACK_ENDPOINT}), or, with a {@code kind} and {@code channelId}, as that channel's
	 * own ({@link ApiPath#callbackEndpoint}). Setting an endpoint is idempotent, so it is retried like a read.
	 */
	public void registerCallback(@Nullable ChannelKind kind, @Nullable String channelId, URI url) {
		ApiPath path = (kind != null) ? ApiPath.callbackEndpoint(kind) : ApiPath.CALLBACK_ENDPOINT;
		String[] values = (kind != null) ? new String[] { channelId } : new String[0];
		String field = (kind != null) ? ApiPath.CALLBACK_ENDPOINT_FIELD : ApiPath.CALLBACK_URL;
		byte[] body = ResponseParsing.JSON.writeValueAsBytes(java.util.Map.of(field, url.toString()));
		String what = path.label(values);
		retrying(what, () -> {
			this.budget.awaitTurn();
			this.stats.requestSent();
			ClientHttpResponse response = this.transport.rest()
				.post()
				.uri((uri) -> uri.path(path.template()).build((Object[]) values))
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, resp) -> resp, false);
			try (response) {
				int status = response.getStatusCode().value();
				if (status < 200 || status >= 300) {
					throw this.errors.of(what, response, status);
				}
				return null;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * The events of one channel ({@link ApiPath#EVENTS} with {@code ?channelId=}), or of every channel
	 * when {@code channelId} is null, parsed one event at a time.
	 */
	public EventStream events(@Nullable String channelId) {
		return new EventStream(this, channelId, ResponseParsing.JSON);
	}

	InputStream openEventStream(@Nullable String channelId) {
		long requestedAt = this.budget.awaitTurn();
		ClientHttpResponse response = send(this.transport.streamRest(), ApiPath.eventsLabel(channelId), (uri) -> {
			uri.path(ApiPath.EVENTS.template());
			if (channelId != null) {
				uri.queryParam(ApiPath.CHANNEL_ID, channelId);
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
		this.transport.close();
	}

	/** Runs one attempt-function with this client's retry policy; the function reopens what it needs. */
	<T> T retrying(String what, Supplier<T> attempt) {
		try {
			return Retry.decorateSupplier(this.retry, attempt).get();
		}
		catch (RuntimeException ex) {
			this.stats.failed();
			throw ErrorMapping.of(what, ex);
		}
	}

	// a body broken off mid-way is resumed at once: a retry without a wait
	void countRetry() {
		this.stats.retried(Duration.ZERO);
	}

	// the endpoints of one channel: labelled and addressed by their path and the channel id
	private <T> T call(ApiPath path, String channelId, Function<JsonNode, T> parse) {
		return call(path.label(channelId), (uri) -> uri.path(path.template()).build(channelId), parse);
	}

	private <T> T call(String what, Function<UriBuilder, URI> uri, Function<JsonNode, T> parse) {
		return retrying(what, () -> {
			long requestedAt = this.budget.awaitTurn();
			try (ClientHttpResponse response = send(this.transport.rest(), what, uri);
					InputStream body = new ResponseBody(response.getBody(), requestedAt, this.readTimeout)) {
				JsonNode root;
				try {
					root = ResponseParsing.JSON.readTree(body);
				}
				catch (JacksonException ex) {
					throw ErrorMapping.brokenOff(ex) ? ex
							: ErrorMapping.malformed(what, "the body is not valid JSON", ex);
				}
				if (root == null || !root.isObject()) {
					throw ErrorMapping.malformed(what, "the body is not a JSON object", null);
				}
				return parse.apply(root);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** One signed attempt, once its turn in the budget came: an open 2xx response, or the mapped error thrown. */
	private ClientHttpResponse send(RestClient client, String what, Function<UriBuilder, URI> uri) {
		this.stats.requestSent();
		ClientHttpResponse response = client.get().uri(uri).exchange((request, resp) -> resp, false);
		try {
			int status = response.getStatusCode().value();
			if (status >= 200 && status < 300) {
				return response;
			}
			try (response) {
				LiveStationApiException error = this.errors.of(what, response, status);
				if (status == 429) {
					this.stats.throttled();
				}
				throw error;
			}
		}
		catch (IOException ex) {
			response.close();
			throw new UncheckedIOException(ex);
		}
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

}
