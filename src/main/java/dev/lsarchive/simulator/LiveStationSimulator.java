package dev.lsarchive.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lsarchive.api.RequestSigner;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP server on 127.0.0.1 that answers like the Live Station API gateway for the endpoints the
 * archive uses: it verifies signatures and clock skew, pages like the real list, reproduces the
 * documented inconsistencies and injects faults on demand.
 */
public final class LiveStationSimulator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LiveStationSimulator.class);

	private static final Pattern CHANNEL = Pattern.compile("/api/v2/channels/([^/]+)");

	private static final Pattern RECORDS = Pattern.compile("/api/v2/channels/([^/]+)/records");

	private static final Pattern RECORD = Pattern.compile("/api/v2/channels/([^/]+)/records/([^/]+)");

	private static final Pattern RESTREAM_CHANNEL = Pattern.compile("/api/v2/re-stream/channels/([^/]+)");

	private static final Map<String, String> LISTINGS = Map.of("/api/v2/channels", "LIVE",
			"/api/v2/re-stream/channels", "RE_STREAM", "/api/v2/vod/channels", "VOD2LIVE");

	private static final Pattern CHANNEL_EVENTS = Pattern.compile("/api/v2/channels/([^/]+)/events");

	private static final Pattern SNAPSHOT = Pattern.compile("/api/v2/channels/([^/]+)/snapshot/([^/]+)");

	private final SimulatorProperties properties;

	private final SimulatedDataset dataset;

	private final Clock clock;

	// the account's own time: what is listed, readable and recorded; null follows the gateway clock
	private final AtomicReference<Instant> accountTime = new AtomicReference<>();

	private volatile boolean accountClockSigns;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Random faultDraws;

	private final AtomicInteger driftLeft;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong faultsInjected = new AtomicLong();

	private final AtomicLong authFailures = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final java.util.Set<String> signaturesSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final Map<String, Scripted> scripted = new java.util.concurrent.ConcurrentHashMap<>();

	private final List<RequestHold> holds = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final AtomicInteger peakInFlight = new AtomicInteger();

	private final HttpServer server;

	// per request: HttpExchange attributes live in the shared HttpContext, so they cannot carry this
	private final ThreadLocal<Boolean> truncateThisResponse = ThreadLocal.withInitial(() -> false);

	private final ExecutorService executor;

	/** Starts a simulator on the configured port with data anchored at the start of today (UTC). */
	public LiveStationSimulator(SimulatorProperties properties) {
		this(properties, new SimulatedDataset(properties), Clock.systemUTC());
	}

	/** Starts a simulator serving {@code dataset}, checking request timestamps against {@code clock}. */
	public LiveStationSimulator(SimulatorProperties properties, SimulatedDataset dataset, Clock clock) {
		this.properties = properties;
		this.dataset = dataset;
		this.clock = clock;
		this.faultDraws = new Random(properties.faults().seed());
		this.driftLeft = new AtomicInteger(properties.faults().driftInserts());
		// without it, small answers wait for the client's delayed ACK (~40 ms each): read once, at first use
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", properties.port()), 128);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on 127.0.0.1:" + properties.port() + ": " + ex.getMessage(),
					ex);
		}
		AtomicInteger threadNumber = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(properties.threads(), (task) -> {
			Thread thread = new Thread(task, "simulator-" + threadNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		log.info("Live Station simulator listening on {} ({} channels x {} events, faults: {})", baseUrl(),
				properties.channels(), properties.eventsPerChannel(), properties.faults().describe());
	}

	/** The base URL to give the client, e.g. {@code http://127.0.0.1:18080}. */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Holds the {@code nth} request from now on whose path starts with {@code pathPrefix}, until released. */
	public RequestHold hold(String pathPrefix, int nth) {
		RequestHold hold = new RequestHold(pathPrefix, nth);
		this.holds.add(hold);
		return hold;
	}

	/**
	 * Answers every request for exactly {@code pathWithQuery} (e.g. {@code /api/v2/events?channelId=ls-…})
	 * with the given bytes: hostile payloads for drills, whatever the data set says.
	 */
	public void script(String pathWithQuery, int status, String contentType, byte[] body) {
		this.scripted.put(pathWithQuery, new Scripted(status, contentType, body));
	}

	private record Scripted(int status, String contentType, byte[] body) {
	}

	/** The account's time: what the API lists and which snapshots are still readable follow it. */
	public Instant now() {
		Instant set = this.accountTime.get();
		return (set != null) ? set : this.clock.instant();
	}

	/** Sets the account's time (tests and benchmarks run "at" an instant without waiting for it). */
	public void setTime(Instant instant) {
		this.accountTime.set(instant);
	}

	/**
	 * Accepts requests signed by the account's clock too, not only by the machine's: a job then runs
	 * "at" the account's time (its clock set to it), as it would on the night the account lives.
	 */
	public void acceptAccountClockSignatures() {
		this.accountClockSigns = true;
	}

	/** Moves the account's time on. */
	public void advance(Duration duration) {
		setTime(now().plus(duration));
	}

	/** The access key this simulator accepts. */
	public String accessKey() {
		return this.properties.accessKey();
	}

	/** The secret key this simulator verifies signatures with. */
	public String secretKey() {
		return this.properties.secretKey();
	}

	/** The data being served. */
	public SimulatedDataset dataset() {
		return this.dataset;
	}

	/** Requests received so far, rejected ones included. */
	public long requests() {
		return this.requests.get();
	}

	/** Responses that were a deliberate fault. */
	public long faultsInjected() {
		return this.faultsInjected.get();
	}

	/** Signatures received (the first ten thousand): tests check that none leaks anywhere. */
	public java.util.Set<String> signaturesSeen() {
		return java.util.Set.copyOf(this.signaturesSeen);
	}

	/** Requests refused for a bad key, signature or timestamp. */
	public long authFailures() {
		return this.authFailures.get();
	}

	/** The most requests served at the same time. */
	public int peakConcurrency() {
		return this.peakInFlight.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		this.peakInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			pause(this.properties.latency());
			String authError = authenticate(exchange);
			if (authError != null) {
				this.authFailures.incrementAndGet();
				gatewayError(exchange, 401, "200", "Authentication Failed", authError);
				return;
			}
			if (!"GET".equals(exchange.getRequestMethod())) {
				gatewayError(exchange, 405, "100", "Bad Request", "only GET is simulated");
				return;
			}
			for (RequestHold hold : this.holds) {
				hold.pass(exchange.getRequestURI().getPath());
			}
			Scripted answer = this.scripted.get(RequestSigner.pathWithQuery(exchange.getRequestURI()));
			if (answer != null) {
				exchange.getResponseHeaders().set("Content-Type", answer.contentType());
				exchange.getResponseHeaders().set("x-ncp-trace-id", traceId());
				send(exchange, answer.status(), answer.body());
				return;
			}
			if (injectFault(exchange)) {
				return;
			}
			route(exchange);
		}
		catch (IOException | RuntimeException ex) {
			// the client went away, or a fault cut the body: nothing to answer any more
			log.debug("Simulator request ended early: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.truncateThisResponse.remove();
			this.inFlight.decrementAndGet();
		}
	}

	private @Nullable String authenticate(HttpExchange exchange) {
		String timestamp = exchange.getRequestHeaders().getFirst("x-ncp-apigw-timestamp");
		String accessKey = exchange.getRequestHeaders().getFirst("x-ncp-iam-access-key");
		String signature = exchange.getRequestHeaders().getFirst("x-ncp-apigw-signature-v2");
		if (timestamp == null || accessKey == null || signature == null
				|| exchange.getRequestHeaders().getFirst("x-ncp-region_code") == null) {
			return "missing authentication headers";
		}
		if (this.signaturesSeen.size() < 10_000) {
			this.signaturesSeen.add(signature);
		}
		long sent;
		try {
			sent = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return "invalid timestamp";
		}
		long allowed = this.properties.allowedSkew().toMillis();
		if (Math.abs(this.clock.millis() - sent) > allowed
				&& (!this.accountClockSigns || Math.abs(now().toEpochMilli() - sent) > allowed)) {
			return "timestamp outside the allowed window";
		}
		if (!this.properties.accessKey().equals(accessKey)) {
			return "unknown access key";
		}
		String expected = RequestSigner.sign(exchange.getRequestMethod(),
				RequestSigner.pathWithQuery(exchange.getRequestURI()), timestamp, accessKey,
				this.properties.secretKey());
		return expected.equals(signature) ? null : "signature mismatch";
	}

	private boolean injectFault(HttpExchange exchange) throws IOException {
		SimulatorProperties.Faults faults = this.properties.faults();
		String path = exchange.getRequestURI().getPath();
		if (path.contains("/events")) {
			String channel = query(exchange).getOrDefault("channelId", channelOfEventsPath(path));
			if (channel != null && faults.failingChannels().contains(channel)) {
				this.faultsInjected.incrementAndGet();
				gatewayError(exchange, 500, "900", "Unexpected Error", "simulated persistent failure");
				return true;
			}
		}
		if (!faults.any()) {
			return false;
		}
		double draw;
		boolean retryAfter;
		int serverError;
		synchronized (this.faultDraws) {
			draw = this.faultDraws.nextDouble();
			retryAfter = this.faultDraws.nextDouble() < faults.retryAfterShare();
			serverError = this.faultDraws.nextInt(3);
		}
		if ((draw -= faults.throttleShare()) < 0) {
			this.faultsInjected.incrementAndGet();
			if (retryAfter) {
				exchange.getResponseHeaders().set("Retry-After", "1");
			}
			gatewayError(exchange, 429, "420", "Rate Limited", null);
			return true;
		}
		if ((draw -= faults.serverErrorShare()) < 0) {
			this.faultsInjected.incrementAndGet();
			switch (serverError) {
				case 0 -> gatewayError(exchange, 500, "900", "Unexpected Error", null);
				case 1 -> gatewayError(exchange, 503, "500", "Endpoint Error", null);
				default -> gatewayError(exchange, 504, "510", "Endpoint Timeout", null);
			}
			return true;
		}
		if ((draw -= faults.slowShare()) < 0) {
			this.faultsInjected.incrementAndGet();
			pause(faults.slowDelay());
			return false;
		}
		if ((draw -= faults.truncateShare()) < 0) {
			// counted when a body is cut: an error answer (a snapshot past its hour, say) has none to cut
			this.truncateThisResponse.set(true);
			return false;
		}
		if ((draw -= faults.malformedShare()) < 0) {
			this.faultsInjected.incrementAndGet();
			send(exchange, 200, "{\"content\":[{\"logLevel\":\"INFO\",\"eventCode\":<html>Gateway".getBytes(
					StandardCharsets.UTF_8));
			return true;
		}
		return false;
	}

	private void route(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Map<String, String> query = query(exchange);
		Matcher matcher;
		if (LISTINGS.containsKey(path)) {
			channelList(exchange, query, LISTINGS.get(path));
		}
		else if ("/api/v2/events".equals(path)) {
			events(exchange, query.get("channelId"));
		}
		else if ((matcher = CHANNEL_EVENTS.matcher(path)).matches()) {
			events(exchange, matcher.group(1));
		}
		else if ((matcher = RECORDS.matcher(path)).matches()) {
			records(exchange, matcher.group(1), null);
		}
		else if ((matcher = RECORD.matcher(path)).matches()) {
			records(exchange, matcher.group(1), matcher.group(2));
		}
		else if ((matcher = SNAPSHOT.matcher(path)).matches()) {
			snapshot(exchange, matcher.group(1), matcher.group(2));
		}
		else if ((matcher = CHANNEL.matcher(path)).matches()) {
			channelInfo(exchange, matcher.group(1), false);
		}
		else if ((matcher = RESTREAM_CHANNEL.matcher(path)).matches()) {
			channelInfo(exchange, matcher.group(1), true);
		}
		else {
			gatewayError(exchange, 404, "300", "Not Found", null);
		}
	}

	private void channelList(HttpExchange exchange, Map<String, String> query, String kind) throws IOException {
		int pageNo = parseInt(query.get("pageNo"), 1);
		int pageSize = parseInt(query.get("pageSizeNo"), 10);
		if (pageNo < 1 || pageSize < 1 || pageSize > 100) {
			liveStationError(exchange, 400, 250010, "POLICY_CHECK_FAILED", "pageNo >= 1 and 1 <= pageSizeNo <= 100");
			return;
		}
		if (pageNo > 1 && this.driftLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			SimulatedChannel created = this.dataset.createChannelAtHead(kind);
			log.info("Simulated drift: channel {} created while the list is being paged", created.channelId());
		}
		long now = now().toEpochMilli();
		List<SimulatedChannel> channels = this.dataset.channels(kind, now);
		String status = query.get("channelStatus");
		String name = query.get("channelName");
		List<SimulatedChannel> matching = channels.stream()
			.filter((c) -> status == null || this.dataset.statusAt(c, now).equals(status))
			.filter((c) -> name == null || c.channelName().contains(name))
			.toList();
		int from = (int) Math.min((long) (pageNo - 1) * pageSize, matching.size());
		int to = Math.min(from + pageSize, matching.size());
		respondJson(exchange, (out) -> {
			out.writeStartObject();
			out.writeArrayPropertyStart("content");
			for (SimulatedChannel channel : matching.subList(from, to)) {
				writeChannel(out, channel, now, false);
			}
			out.writeEndArray();
			out.writeNumberProperty("total", matching.size());
			out.writeEndObject();
		});
	}

	private void channelInfo(HttpExchange exchange, String channelId, boolean restream) throws IOException {
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, now().toEpochMilli())
			.filter((c) -> restream == "RE_STREAM".equals(c.kind()));
		if (channel.isEmpty()) {
			liveStationError(exchange, 404, 250004, "NOT_FOUND", "channel not found");
			return;
		}
		respondJson(exchange, (out) -> {
			out.writeStartObject();
			out.writeName("content");
			writeChannel(out, channel.get(), now().toEpochMilli(), true);
			out.writeEndObject();
		});
	}

	private void snapshot(HttpExchange exchange, String channelId, String snapshotId) throws IOException {
		long now = now().toEpochMilli();
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, now);
		Optional<SimulatedSnapshot> found = Optional.empty();
		if (channel.isPresent() && snapshotId.matches("[0-9]{1,18}")) {
			found = this.dataset.snapshot(channel.get(), Long.parseLong(snapshotId), now)
				.filter((s) -> s.readableAt(now));
		}
		if (found.isEmpty()) {
			// the documented answer once the hour is over, and for a snapshot that never existed
			liveStationError(exchange, 404, 250004, "NOT_FOUND", "snapshot not found");
			return;
		}
		SimulatedChannel c = channel.get();
		SimulatedSnapshot snapshot = found.get();
		respondJson(exchange, (out) -> {
			out.writeStartObject();
			out.writeObjectPropertyStart("content");
			out.writeStringProperty("channelId", c.channelId());
			out.writeStringProperty("channelStatus", this.dataset.reportedStatusAt(c, now));
			out.writeObjectPropertyStart("snapshot");
			out.writeNumberProperty("snapshotId", snapshot.snapshotId());
			out.writeStringProperty("snapshotUrl", snapshot.snapshotUrl());
			out.writeNumberProperty("createdTime", snapshot.createdTime());
			out.writeNumberProperty("expireTime", snapshot.expireTime());
			out.writeNumberProperty("duration", snapshot.durationMinutes());
			out.writeEndObject();
			out.writeEndObject();
			out.writeEndObject();
		});
	}

	private void records(HttpExchange exchange, String channelId, @Nullable String recordId) throws IOException {
		long now = now().toEpochMilli();
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, now);
		if (channel.isEmpty()) {
			liveStationError(exchange, 404, 250004, "NOT_FOUND", "channel not found");
			return;
		}
		List<SimulatedRecording> recordings = this.dataset.recordingsAt(channel.get(), now);
		if (recordId != null) {
			Optional<SimulatedRecording> one = recordings.stream().filter((r) -> r.recordId().equals(recordId)).findFirst();
			if (one.isEmpty()) {
				liveStationError(exchange, 404, 250004, "NOT_FOUND", "record not found");
				return;
			}
			respondJson(exchange, (out) -> {
				out.writeStartObject();
				out.writeName("content");
				writeRecording(out, one.get(), now);
				out.writeEndObject();
			});
			return;
		}
		respondJson(exchange, (out) -> {
			out.writeStartObject();
			out.writeObjectPropertyStart("content");
			// an object keyed by record id, not an array
			out.writeObjectPropertyStart("recordList");
			for (SimulatedRecording recording : recordings) {
				out.writeName(recording.recordId());
				writeRecording(out, recording, now);
			}
			out.writeEndObject();
			out.writeEndObject();
			out.writeEndObject();
		});
	}

	private static void writeRecording(JsonGenerator out, SimulatedRecording r, long now) {
		out.writeStartObject();
		out.writeStringProperty("recordId", r.recordId());
		out.writeStringProperty("channelId", r.channelId());
		out.writeStringProperty("recordType", r.recordType());
		out.writeStringProperty("status", r.statusAt(now));
		out.writeNumberProperty("recordSeq", r.recordSeq());
		out.writeNumberProperty("streamSeq", r.recordSeq());
		out.writeNumberProperty("recordBeginTime", r.beginTime());
		out.writeNumberProperty("createdTime", r.beginTime() + 1_000);
		if (r.shouldDeleteTime() != null) {
			out.writeNumberProperty("shouldDeleteTime", r.shouldDeleteTime());
		}
		out.writeNumberProperty("duration", r.durationSeconds(now));
		out.writeStringProperty("resolution", "1920x1080");
		out.writeStringProperty("fileName", r.fileName());
		out.writeNumberProperty("videoBitrate", 4000);
		out.writeNumberProperty("videoFrameRate", 30);
		out.writeNumberProperty("audioBitrate", 128);
		out.writeStringProperty("audioCodec", "AAC");
		out.writeStringProperty("uploadPath", "/livestation/" + r.channelId() + "/");
		out.writeStringProperty("objectStorageUrl", r.objectStorageUrlAt(now));
		out.writeEndObject();
	}

	private void events(HttpExchange exchange, @Nullable String channelId) throws IOException {
		List<SimulatedChannel> channels;
		if (channelId == null) {
			channels = this.dataset.channelsAt(now().toEpochMilli());
		}
		else {
			Optional<SimulatedChannel> channel = this.dataset.channel(channelId, now().toEpochMilli());
			if (channel.isEmpty()) {
				liveStationError(exchange, 404, 250004, "NOT_FOUND", "channel not found");
				return;
			}
			channels = List.of(channel.get());
		}
		long now = now().toEpochMilli();
		long shownFrom = this.properties.retention().isZero() ? Long.MIN_VALUE
				: now - this.properties.retention().toMillis();
		respond(exchange, (out) -> EventListJson.write(out, this.dataset, channels, shownFrom, now,
				this.properties.maxEventsPerList()));
	}

	private void writeChannel(JsonGenerator out, SimulatedChannel c, long now, boolean info) {
		out.writeStartObject();
		out.writeStringProperty("channelId", c.channelId());
		out.writeStringProperty("channelName", c.channelName());
		out.writeStringProperty("channelStatus", this.dataset.reportedStatusAt(c, now));
		// documented as integer on one page and as string on another: both are served
		if (c.index() % 4 == 1) {
			out.writeStringProperty("instanceNo", Integer.toString(100_000 + c.index()));
		}
		else {
			out.writeNumberProperty("instanceNo", 100_000 + c.index());
		}
		if ("RE_STREAM".equals(c.kind())) {
			out.writeStringProperty("planType", (c.index() % 3 == 0) ? "PROFESSIONAL" : "STANDARD");
			out.writeNumberProperty("platformCount", c.targets().size());
			out.writeNumberProperty("totalPublishSeconds", (c.recentPublishStartTime() / 1000) % 500_000);
		}
		else {
			out.writeNumberProperty("qualitySetId", 1 + c.index() % 3);
			out.writeStringProperty("qualitySetName", switch (c.index() % 3) {
				case 0 -> "Full HD (1080p)";
				case 1 -> "HD (720p)";
				default -> "ABR 1080p-360p";
			});
			out.writeStringProperty("outputProtocol", "HLS");
			out.writeBooleanProperty("isRecording", c.recording());
			// the response docs spell it useDVR, the answers useDvr
			out.writeBooleanProperty((c.index() % 3 == 2) ? "useDVR" : "useDvr", c.index() % 2 == 0);
			out.writeBooleanProperty("immediateOnAir", true);
			out.writeNumberProperty("timemachineMin", 360);
			SimulatedSnapshot snapshot = this.dataset.snapshotAt(c, now);
			if (snapshot != null) {
				out.writeObjectPropertyStart("snapshot");
				out.writeNumberProperty("snapshotId", snapshot.snapshotId());
				out.writeEndObject();
			}
			out.writeObjectPropertyStart("cdn");
			out.writeStringProperty("cdnType", "GLOBAL_EDGE");
			out.writeStringProperty("cdnDomain", "sim.edge.example.com");
			out.writeEndObject();
		}
		out.writeStringProperty("publishUrl", "rtmp://sim-publish.example.com:8080/relay/" + c.streamKey());
		out.writeStringProperty("globalPublishUrl", "rtmp://sim-global.example.com/relay/" + c.streamKey());
		out.writeStringProperty("streamKey", c.streamKey());
		out.writeNumberProperty("recentPublishStartTime", c.recentPublishStartTime());
		out.writeNumberProperty("createdTime", c.createdTime());
		out.writeBooleanProperty("alertOn", false);
		if (info && "RE_STREAM".equals(c.kind())) {
			out.writeArrayPropertyStart("restream");
			for (SimulatedChannel.Target target : c.targets()) {
				out.writeStartObject();
				out.writeStringProperty("targetName", target.targetName());
				out.writeStringProperty("rtmpUrl", target.rtmpUrl());
				out.writeStringProperty("streamKey", target.streamKey());
				out.writeStringProperty("id", target.id());
				out.writeStringProperty("password", target.password());
				out.writeEndObject();
			}
			out.writeEndArray();
		}
		out.writeEndObject();
	}

	@FunctionalInterface
	private interface JsonBody {

		void write(JsonGenerator generator) throws IOException;

	}

	private void respondJson(HttpExchange exchange, JsonBody body) throws IOException {
		respond(exchange, (out) -> {
			try (JsonGenerator generator = this.json.createGenerator(out)) {
				body.write(generator);
			}
		});
	}

	@FunctionalInterface
	private interface BytesBody {

		void write(OutputStream out) throws IOException;

	}

	private void respond(HttpExchange exchange, BytesBody body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
		exchange.getResponseHeaders().set("x-ncp-trace-id", traceId());
		if (this.truncateThisResponse.get()) {
			this.faultsInjected.incrementAndGet();
			// announce a length, send only part of it and drop the connection
			java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
			body.write(buffer);
			byte[] whole = buffer.toByteArray();
			exchange.sendResponseHeaders(200, whole.length);
			OutputStream out = exchange.getResponseBody();
			out.write(whole, 0, whole.length / 2);
			out.flush();
			throw new IOException("simulated cut-off after " + (whole.length / 2) + " of " + whole.length + " bytes");
		}
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
			body.write(out);
		}
	}

	private void gatewayError(HttpExchange exchange, int status, String code, String message,
			@Nullable String details) throws IOException {
		Map<String, Object> error = new HashMap<>();
		error.put("errorCode", this.properties.errorCodeAsNumber() ? Integer.valueOf(code) : code);
		error.put("message", message);
		if (details != null) {
			error.put("details", details);
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
		exchange.getResponseHeaders().set("x-ncp-trace-id", traceId());
		send(exchange, status, this.json.writeValueAsBytes(Map.of("error", error)));
	}

	private void liveStationError(HttpExchange exchange, int status, int code, String name, String message)
			throws IOException {
		Object errorCode = this.properties.errorCodeAsNumber() ? String.valueOf(code) : Integer.valueOf(code);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
		exchange.getResponseHeaders().set("x-ncp-trace-id", traceId());
		send(exchange, status, this.json.writeValueAsBytes(
				Map.of("error", Map.of("errorCode", errorCode, "message", message, "errorName", name))));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private String traceId() {
		return "sim" + Long.toString(this.requests.get(), 36) + Long.toString(System.nanoTime() & 0xffffff, 36);
	}

	private static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> values = new HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw == null) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static @Nullable String channelOfEventsPath(String path) {
		Matcher matcher = CHANNEL_EVENTS.matcher(path);
		return matcher.matches() ? matcher.group(1) : null;
	}

	private static int parseInt(@Nullable String value, int fallback) {
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static void pause(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
