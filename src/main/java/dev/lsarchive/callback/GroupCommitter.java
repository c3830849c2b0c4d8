package dev.lsarchive.callback;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lsarchive.normalize.QuarantineRecord;

/**
 * Group commit: requests wait in a bounded queue; a committer takes up to {@code batchSize} of them,
 * writes them in one statement and one transaction with this receiver's window, commits, and only then
 * answers each (2xx for a stored callback, 400 for a quarantined body). A failed commit answers 503 and
 * interrupts the window; the next commit that succeeds opens a new one. While idle, a heartbeat extends
 * the window. It starts before the web server and stops after it, so that every request accepted is
 * committed and answered before the database pool closes; its window opens only once the application
 * has started ({@link #serving}), so that a start that cannot bind a port never claims one. Its
 * readiness follows the database: refusing traffic from a commit that fails until one (a heartbeat, while
 * no request comes) succeeds again, so that a balancer sends callbacks to a receiver that can store them.
 */
final class GroupCommitter implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

	// the longest a committer waits for work before it looks at the heartbeat and the stop again
	private static final long POLL_MILLIS = 100;

	private final BlockingQueue<Pending> queue;

	private final CallbackWriter writer;

	private final TransactionTemplate transaction;

	private final ReceiverWindow window;

	private final CallbackMetrics metrics;

	private final CallbackProperties properties;

	private final Clock clock;

	private final ZoneId timeZone;

	// readiness follows the database through availability events
	private final ApplicationEventPublisher events;

	private final List<Thread> threads = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean accepting;

	// the application has started, its ports listening: from then on a window may open and requests are taken
	private volatile boolean serving;

	private volatile boolean running;

	private volatile long lastWindowWrite = System.nanoTime();

	private volatile boolean databaseFailing;

	GroupCommitter(CallbackWriter writer, TransactionTemplate transaction, ReceiverWindow window,
			CallbackMetrics metrics, CallbackProperties properties, Clock clock, ZoneId timeZone,
			ApplicationEventPublisher events) {
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.writer = writer;
		this.transaction = transaction;
		this.window = window;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
		this.timeZone = timeZone;
		this.events = events;
	}

	/** Whether new requests are taken. */
	boolean accepting() {
		return this.accepting;
	}

	/** Queues {@code pending}; false when the queue is full or the receiver stops. */
	boolean offer(Pending pending) {
		return this.accepting && this.queue.offer(pending);
	}

	/** The current instant in microseconds since the epoch. */
	long nowMicros() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, this.clock.instant());
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i < this.properties.committers(); i++) {
			boolean beats = (i == 0);
			Thread thread = new Thread(() -> commitLoop(beats), "callback-committer-" + i);
			this.threads.add(thread);
			thread.start();
		}
	}

	/** The application has started, its ports listening: the window opens, and requests are taken from here on. */
	void serving() {
		if (this.running && !this.serving) {
			heartbeat();
			this.serving = true;
			this.accepting = true;
		}
	}

	// the context closes: no new request is taken from here on, and no window reaches past this instant
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.accepting = false;
		this.window.stopping(nowMicros());
	}

	@Override
	public void stop() {
		this.accepting = false;
		this.window.stopping(nowMicros());
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.serving) {
			heartbeat();
			System.out.println(this.metrics.summary());
			System.out.flush();
		}
		this.stopped.countDown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// after the web server (which stops at DEFAULT_PHASE - 2048), before nothing else of ours
	@Override
	public int getPhase() {
		return 0;
	}

	/** Waits until the committers have stopped and the summary is printed. */
	void awaitStopped() throws InterruptedException {
		this.stopped.await();
	}

	private void commitLoop(boolean beats) {
		List<Pending> batch = new ArrayList<>(this.properties.batchSize());
		long heartbeatNanos = this.properties.heartbeat().toNanos();
		while (true) {
			Pending first;
			try {
				first = this.queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				first = null;
			}
			if (first == null) {
				if (!this.running) {
					return;
				}
				if (beats && this.serving && System.nanoTime() - this.lastWindowWrite >= heartbeatNanos) {
					heartbeat();
				}
				continue;
			}
			batch.add(first);
			this.queue.drainTo(batch, this.properties.batchSize() - 1);
			commit(batch);
			batch.clear();
		}
	}

	private void heartbeat() {
		commit(List.of());
	}

	private void commit(List<Pending> batch) {
		Object token = new Object();
		Map<Long, CallbackWriter.Delivered> callbacks = new LinkedHashMap<>();
		List<QuarantineRecord> refused = new ArrayList<>();
		for (Pending pending : batch) {
			if (pending.exchange() != null) {
				pending.exchange().committingIn(token);
			}
			if (pending.callback() != null) {
				// ON CONFLICT cannot touch a row twice in one statement: one row per id, its deliveries counted
				callbacks.merge(pending.callback().eventId(), new CallbackWriter.Delivered(pending.callback(), 1),
						(kept, again) -> new CallbackWriter.Delivered(kept.callback(), kept.deliveries() + 1));
			}
			else if (pending.refused() != null) {
				refused.add(pending.refused());
			}
		}
		int stored = batch.size() - refused.size();
		Instant now = this.clock.instant();
		long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
		ReceiverWindow.Extension extension = this.window.extension(nowMicros, token);
		int inserted;
		try {
			Integer result = this.transaction.execute((status) -> {
				int added = this.writer.store(callbacks.values(), now);
				if (!refused.isEmpty()) {
					this.writer.quarantine(refused, LocalDate.ofInstant(now, this.timeZone));
				}
				if (extension != null) {
					this.writer.window(extension, stored);
				}
				return added;
			});
			inserted = (result != null) ? result : 0;
		}
		catch (RuntimeException ex) {
			failed(batch, ex, nowMicros);
			return;
		}
		if (extension != null) {
			this.window.committed(extension);
		}
		this.lastWindowWrite = System.nanoTime();
		if (this.databaseFailing) {
			this.databaseFailing = false;
			log.info("The archive database answers again: callbacks are acknowledged again");
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
		this.metrics.acknowledged(stored, stored - inserted);
		for (Pending pending : batch) {
			Exchange exchange = pending.exchange();
			if (exchange == null) {
				continue;
			}
			if (pending.callback() != null) {
				if (exchange.answer(204, null, null)) {
					this.metrics.acknowledgedAfter(System.nanoTime() - exchange.startNanos());
					this.window.answered(exchange, true);
				}
			}
			else if (exchange.answer(400, "refused and kept in quarantine: " + pending.refused().reason(), null)) {
				this.metrics.rejected("malformed");
				this.window.answered(exchange, true);
			}
		}
	}

	private void failed(List<Pending> batch, RuntimeException failure, long nowMicros) {
		if (batch.size() > 1 && isDataError(failure)) {
			// a row the database refuses for a reason of its own data: commit the others without it
			for (Pending pending : batch) {
				commit(List.of(pending));
			}
			return;
		}
		if (batch.size() == 1 && isDataError(failure) && batch.get(0).callback() != null
				&& batch.get(0).exchange() != null) {
			Pending pending = batch.get(0);
			commit(List.of(Pending.quarantine(new QuarantineRecord("callback", CallbackServlet.ENDPOINT,
					pending.callback().channelId(), "the database refused it: " + firstLine(failure),
					pending.callback().payload()), pending.exchange())));
			return;
		}
		this.window.interrupted(nowMicros);
		if (!this.databaseFailing) {
			this.databaseFailing = true;
			log.warn("The archive database cannot store callbacks ({}); answering 503, and not ready, until it can",
					firstLine(failure));
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		}
		String retryAfter = Long.toString(this.properties.retryAfter().toSeconds());
		for (Pending pending : batch) {
			Exchange exchange = pending.exchange();
			if (exchange != null && exchange.answer(503, "the archive database is unavailable; deliver again later",
					retryAfter)) {
				this.metrics.rejected("database");
				this.window.answered(exchange, false);
			}
		}
	}

	private static boolean isDataError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
			}
		}
		return false;
	}

	private static String firstLine(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message);
	}

}
