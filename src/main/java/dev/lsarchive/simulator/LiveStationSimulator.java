package dev.lsarchive.simulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lsarchive.api.ApiPath;

/**
 * An HTTP server on 127.0.0.1 that answers like the Live Station API gateway for the endpoints the
 * archive uses: it verifies signatures and clock skew, pages like the real list, reproduces the
 * documented inconsistencies and injects faults on demand; it takes callback registrations and pushes
 * the account's events to them as its clock produces them.
 */
public final class LiveStationSimulator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LiveStationSimulator.class);

	private final SimulatorProperties properties;

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final GatewayAuthentication authentication;

	private final FaultInjector faults;

	private final ScriptedRequests scripts = new ScriptedRequests();

	private final GatewayHandler handler;

	private final CallbackEndpoints callbackEndpoints = new CallbackEndpoints();

	private final CallbackSender callbacks;

	private final SimulatorServer server;

	/** Starts a simulator on the configured port with data anchored at the start of today (UTC). */
	public LiveStationSimulator(SimulatorProperties properties) {
		this(properties, new SimulatedDataset(properties), Clock.systemUTC());
	}

	/**
	 * Starts the simulator of the demos, with keys made up per run (a demo never needs, and never holds, a
	 * real credential) and the account's clock standing at {@link SimulatedDataset#liveFrom()}, an hour
	 * after its history: every demo of the same day (the same anchor) sees the same account, the same
	 * events with the same ids, and a second demo run the same answers.
	 */
	public static LiveStationSimulator demo(SimulatorProperties properties) {
		LiveStationSimulator simulator = new LiveStationSimulator(
				properties.withKeys("demo-" + UUID.randomUUID(), "demo-secret-" + UUID.randomUUID()));
		simulator.setTime(simulator.dataset().liveFrom());
		return simulator;
	}

	/** Starts a simulator serving {@code dataset}, checking request timestamps against {@code clock}. */
	public LiveStationSimulator(SimulatorProperties properties, SimulatedDataset dataset, Clock clock) {
		this.properties = properties;
		this.dataset = dataset;
		this.clock = new AccountClock(clock);
		this.authentication = new GatewayAuthentication(properties, this.clock);
		this.faults = new FaultInjector(properties.faults());
		this.callbacks = new CallbackSender(properties, dataset, this.clock, this.callbackEndpoints);
		this.handler = new GatewayHandler(properties, this.authentication, this.scripts, this.faults,
				new ApiRouter(properties, dataset, this.clock, this.faults, this.callbackEndpoints, this.callbacks::start));
		this.server = new SimulatorServer(properties.port(), properties.threads(), this.handler);
		log.info("Live Station simulator listening on {} ({} channels x {} events, faults: {})", baseUrl(),
				properties.channels(), properties.eventsPerChannel(), properties.faults().describe());
	}

	/** The base URL to give the client, e.g. {@code http://127.0.0.1:18080}. */
	public URI baseUrl() {
		return this.server.baseUrl();
	}

	/** Holds the {@code nth} request from now on whose path starts with {@code pathPrefix}, until released. */
	public RequestHold hold(String pathPrefix, int nth) {
		return this.scripts.hold(pathPrefix, nth);
	}

	/**
	 * Answers every request for exactly {@code pathWithQuery} (e.g. the {@link ApiPath#EVENTS} of one
	 * channel, with its {@code ?channelId=}) with the given bytes: hostile payloads for drills, whatever
	 * the data set says.
	 */
	public void script(String pathWithQuery, int status, String contentType, byte[] body) {
		this.scripts.script(pathWithQuery, new ScriptedRequests.Scripted(status, contentType, body));
	}

	/** The account's time: what the API lists and which snapshots are still readable follow it. */
	public Instant now() {
		return this.clock.now();
	}

	/** Sets the account's time (tests and benchmarks run "at" an instant without waiting for it). */
	public void setTime(Instant instant) {
		this.clock.set(instant);
		this.callbacks.wake();
	}

	/**
	 * Runs the account's time from where it stands to {@code until} within {@code over} of real time, evenly,
	 * then stops it there: a demo shows in seconds what the account brought in days, each event pushed as the
	 * clock passes it, at the instant the event lists show it, with its id.
	 */
	public void runClockTo(Instant until, Duration over) {
		this.clock.runTo(until, over);
		this.callbacks.wake();
	}

	/** Moves the account's time on. */
	public void advance(Duration duration) {
		setTime(now().plus(duration));
	}

	/**
	 * Accepts requests signed by the account's clock too, not only by the machine's: a job then runs
	 * "at" the account's time (its clock set to it), as it would on the night the account lives.
	 */
	public void acceptAccountClockSignatures() {
		this.authentication.acceptAccountClockSignatures();
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
		return this.handler.requests();
	}

	/** Responses that were a deliberate fault. */
	public long faultsInjected() {
		return this.faults.injected();
	}

	/** Signatures received (the first ten thousand): tests check that none leaks anywhere. */
	public Set<String> signaturesSeen() {
		return this.authentication.signaturesSeen();
	}

	/** Requests refused for a bad key, signature or timestamp. */
	public long authFailures() {
		return this.authentication.failures();
	}

	/** The most requests served at the same time. */
	public int peakConcurrency() {
		return this.handler.peakConcurrency();
	}

	/** {@link System#nanoTime()} when the first request arrived; empty before any. */
	public OptionalLong firstRequestNanos() {
		return this.handler.firstRequestNanos();
	}

	/** The default callback endpoint registered ({@code POST /api/v2/events/callbackEndpoint}), if any. */
	public Optional<URI> defaultCallbackEndpoint() {
		return Optional.ofNullable(this.callbackEndpoints.defaultUrl());
	}

	/** The channels' own callback endpoints registered, by channel id. */
	public Map<String, URI> channelCallbackEndpoints() {
		return this.callbackEndpoints.channelUrls();
	}

	/** The id the account gives {@code event} in its callbacks: the same for the same seed, channel and instant. */
	public long eventId(SimulatedEvent event) {
		return EventIdentity.of(this.properties.seed(), event);
	}

	/** What the callback sender has done so far. */
	public CallbackStats callbackStats() {
		return this.callbacks.stats();
	}

	/**
	 * Waits until every event through the account's time now has been pushed to its endpoint and every
	 * delivery has ended (acknowledged, sent twice, or given up); false when {@code timeout} passed
	 * first or no endpoint is registered.
	 */
	public boolean awaitCallbacks(Duration timeout) throws InterruptedException {
		return this.callbacks.awaitIdle(timeout);
	}

	/**
	 * Stops the account's clock where it is, waits up to {@code timeout} until every event through it has
	 * been delivered (acknowledged, sent twice or given up), then stops pushing; what the sender did.
	 */
	public CallbackStats stopCallbacks(Duration timeout) throws InterruptedException {
		setTime(now());
		this.callbacks.awaitIdle(timeout);
		this.callbacks.close();
		return this.callbacks.stats();
	}

	@Override
	public void close() {
		this.callbacks.close();
		this.server.close();
	}

}
