package dev.lsarchive.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every event of the account, as its clock produces it, to the callback endpoint registered for
 * the event's channel, as a sender that promises at-least-once delivery and nothing more: events in
 * time order but a few held and sent in random order ({@code reorder-window}), a share delivered a
 * second time after they were acknowledged, a share in the older all-strings form, each retried with
 * exponential backoff on a non-2xx answer or a connection failure up to {@code max-attempts}, and the
 * {@code callback-drop-share} fault never sent at all. At most {@code max-pending} events wait for
 * their delivery (the clock waits for the rest); {@code threads} deliveries are in flight at once. The
 * id of every event an endpoint acknowledged goes to {@code acknowledged-file} when set. Its threads
 * start with the first registration and stop with the simulator. A callback URL carries the
 * receiver's secret: it is never logged.
 */
final class CallbackSender implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);

	private final SimulatorProperties.Callbacks settings;

	private final double dropShare;

	private final long dropSeed;

	private final long seed;

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final CallbackEndpoints endpoints;

	private final Semaphore pendingSlots;

	private final Random order;

	// read and written by the clock thread alone
	private final Map<String, Feed> feeds = new HashMap<>();

	private final List<Event> window = new ArrayList<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean wakeQueued = new AtomicBoolean();

	private volatile boolean closed;

	private @Nullable ScheduledExecutorService clockThread;

	private @Nullable ScheduledExecutorService deliveries;

	private @Nullable HttpClient http;

	private @Nullable BufferedWriter acknowledgedLog;

	// guarded by this: events taken and not finished, and the account's time the last pass covered
	private long pending;

	private @Nullable Instant scannedThrough;

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong attempts = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong givenUp = new AtomicLong();

	CallbackSender(SimulatorProperties properties, SimulatedDataset dataset, AccountClock clock,
			CallbackEndpoints endpoints) {
		this.settings = properties.callbacks();
		this.dropShare = properties.faults().callbackDropShare();
		this.dropSeed = properties.faults().seed();
		this.seed = properties.seed();
		this.dataset = dataset;
		this.clock = clock;
		this.endpoints = endpoints;
		this.pendingSlots = new Semaphore(this.settings.maxPending());
		this.order = new Random(this.settings.seed());
	}

	/** Starts the threads, once: called at every registration. */
	void start() {
		if (this.closed || !this.started.compareAndSet(false, true)) {
			return;
		}
		Path file = this.settings.acknowledgedFile();
		if (file != null) {
			try {
				this.acknowledgedLog = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot append to simulator.callbacks.acknowledged-file " + file, ex);
			}
		}
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.deliveries = Executors.newScheduledThreadPool(this.settings.threads(), threads("simulator-callbacks-"));
		this.clockThread = Executors.newSingleThreadScheduledExecutor(threads("simulator-callbacks-clock"));
		long poll = this.settings.pollInterval().toMillis();
		this.clockThread.scheduleWithFixedDelay(this::pass, 0, Math.max(1, poll), TimeUnit.MILLISECONDS);
	}

	/** Looks at the clock at once (it was set), not only at the next poll. */
	void wake() {
		ScheduledExecutorService thread = this.clockThread;
		if (thread != null && !this.closed && this.wakeQueued.compareAndSet(false, true)) {
			thread.execute(() -> {
				this.wakeQueued.set(false);
				pass();
			});
		}
	}

	/**
	 * Waits until every event through the account's time now has been taken and its deliveries have
	 * ended (acknowledged, duplicated or given up); false when {@code timeout} passed first.
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		Instant target = this.clock.now();
		wake();
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (this.pending > 0 || this.scannedThrough == null || this.scannedThrough.isBefore(target)) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.closed || !this.started.get()) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			return true;
		}
	}

	CallbackStats stats() {
		return new CallbackStats(this.events.get(), this.dropped.get(), this.attempts.get(), this.retries.get(),
				this.acknowledged.get(), this.duplicates.get(), this.givenUp.get());
	}

	// one pass over the clock: the events of every channel with an endpoint through now, oldest first
	private void pass() {
		if (this.closed) {
			return;
		}
		try {
			Instant now = this.clock.now();
			long nowMillis = now.toEpochMilli();
			PriorityQueue<Feed> due = new PriorityQueue<>(Comparator.comparingLong((Feed f) -> f.head.timestamp()));
			for (SimulatedChannel channel : this.dataset.channelsAt(nowMillis)) {
				CallbackEndpoints.Registered endpoint = this.endpoints.endpointFor(channel.channelId());
				if (endpoint == null) {
					continue;
				}
				Feed feed = this.feeds.computeIfAbsent(channel.channelId(),
						(id) -> new Feed(this.dataset.events(channel, Long.MAX_VALUE), endpoint.at().toEpochMilli()));
				if (feed.head.timestamp() <= nowMillis) {
					due.add(feed);
				}
			}
			while (!due.isEmpty()) {
				Feed feed = due.poll();
				take(feed.next());
				if (feed.head.timestamp() <= nowMillis) {
					due.add(feed);
				}
			}
			while (!this.window.isEmpty()) {
				send(this.window.remove(this.order.nextInt(this.window.size())));
			}
			synchronized (this) {
				this.scannedThrough = now;
				notifyAll();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.info("Simulator callback sender: a pass over the clock failed ({}); the next one goes on", ex.toString());
		}
	}

	private void take(SimulatedEvent event) throws InterruptedException {
		CallbackEndpoints.Registered endpoint = this.endpoints.endpointFor(event.channelId());
		if (endpoint == null) {
			return;
		}
		this.events.incrementAndGet();
		long id = EventIdentity.of(this.seed, event);
		if (EventIdentity.draw(id, this.dropSeed) < this.dropShare) {
			this.dropped.incrementAndGet();
			return;
		}
		boolean text = EventIdentity.draw(id, this.settings.seed()) < this.settings.textShare();
		boolean twice = EventIdentity.draw(id, this.settings.seed() + 1) < this.settings.duplicateShare();
		this.window.add(new Event(id, event.channelId(), endpoint, CallbackBody.of(id, event, text), twice));
		if (this.window.size() >= this.settings.reorderWindow()) {
			send(this.window.remove(this.order.nextInt(this.window.size())));
		}
	}

	private void send(Event event) throws InterruptedException {
		this.pendingSlots.acquire();
		synchronized (this) {
			this.pending++;
		}
		deliveries().execute(() -> attempt(event, 1));
	}

	private void attempt(Event event, int attempt) {
		if (this.closed) {
			finish();
			return;
		}
		this.attempts.incrementAndGet();
		if (attempt > 1) {
			this.retries.incrementAndGet();
		}
		String outcome;
		try {
			HttpRequest request = HttpRequest.newBuilder(event.endpoint.url())
				.timeout(this.settings.timeout())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(event.body))
				.build();
			int status = http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status >= 200 && status < 300) {
				acknowledged(event);
				return;
			}
			outcome = "HTTP " + status;
		}
		catch (IOException ex) {
			outcome = ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finish();
			return;
		}
		catch (RuntimeException ex) {
			outcome = ex.getClass().getSimpleName();
		}
		if (attempt < this.settings.maxAttempts() && !this.closed) {
			schedule(() -> attempt(event, attempt + 1), backoff(attempt));
			return;
		}
		this.givenUp.incrementAndGet();
		log.info("Simulator callback of event {} to the endpoint of channel {} given up after {} attempts (last: {})",
				event.id, event.channelId(), attempt, outcome);
		finish();
	}

	private void acknowledged(Event event) {
		if (!event.acknowledged) {
			event.acknowledged = true;
			this.acknowledged.incrementAndGet();
			writeAcknowledged(event.id);
		}
		else {
			this.duplicates.incrementAndGet();
		}
		if (event.twice) {
			// the second delivery of an event already acknowledged: as a sender that missed the answer resends
			event.twice = false;
			schedule(() -> attempt(event, 1), this.settings.initialBackoff());
			return;
		}
		finish();
	}

	private void writeAcknowledged(long id) {
		BufferedWriter file = this.acknowledgedLog;
		if (file == null) {
			return;
		}
		synchronized (file) {
			try {
				file.write(Long.toString(id));
				file.newLine();
				file.flush();
			}
			catch (IOException ex) {
				log.info("Simulator callback sender cannot append to its acknowledged-file: {}", ex.toString());
			}
		}
	}

	private Duration backoff(int attempt) {
		long initial = this.settings.initialBackoff().toMillis();
		long wait = initial << Math.min(20, attempt - 1);
		return Duration.ofMillis(Math.min(wait, this.settings.maxBackoff().toMillis()));
	}

	private void schedule(Runnable task, Duration delay) {
		try {
			deliveries().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// the simulator is stopping: the delivery ends here
			finish();
		}
	}

	private void finish() {
		this.pendingSlots.release();
		synchronized (this) {
			this.pending--;
			notifyAll();
		}
	}

	private ScheduledExecutorService deliveries() {
		ScheduledExecutorService pool = this.deliveries;
		if (pool == null) {
			throw new IllegalStateException("the callback sender has not started");
		}
		return pool;
	}

	private HttpClient http() {
		HttpClient client = this.http;
		if (client == null) {
			throw new IllegalStateException("the callback sender has not started");
		}
		return client;
	}

	@Override
	public void close() {
		this.closed = true;
		ScheduledExecutorService thread = this.clockThread;
		ScheduledExecutorService pool = this.deliveries;
		if (thread != null) {
			thread.shutdownNow();
		}
		if (pool != null) {
			pool.shutdownNow();
		}
		try {
			if (thread != null) {
				thread.awaitTermination(5, TimeUnit.SECONDS);
			}
			if (pool != null) {
				pool.awaitTermination(this.settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		BufferedWriter file = this.acknowledgedLog;
		if (file != null) {
			synchronized (file) {
				try {
					file.close();
				}
				catch (IOException ex) {
					// every acknowledged id was flushed as it came
				}
			}
		}
		synchronized (this) {
			notifyAll();
		}
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable,
					prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** A channel's events from its registration on, the next one at hand. */
	private static final class Feed {

		private final Iterator<SimulatedEvent> events;

		private SimulatedEvent head;

		Feed(Iterator<SimulatedEvent> events, long after) {
			this.events = events;
			SimulatedEvent first = events.next();
			while (first.timestamp() <= after) {
				first = events.next();
			}
			this.head = first;
		}

		SimulatedEvent next() {
			SimulatedEvent taken = this.head;
			this.head = this.events.next();
			return taken;
		}

	}

	/** One event to deliver: its id, endpoint and body, and whether it goes a second time. */
	private static final class Event {

		private final long id;

		private final String channelId;

		private final CallbackEndpoints.Registered endpoint;

		private final byte[] body;

		private volatile boolean twice;

		private volatile boolean acknowledged;

		Event(long id, String channelId, CallbackEndpoints.Registered endpoint, byte[] body, boolean twice) {
			this.id = id;
			this.channelId = channelId;
			this.endpoint = endpoint;
			this.body = body;
			this.twice = twice;
		}

		String channelId() {
			return this.channelId;
		}

	}

}
