package dev.lsarchive.callback;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the gauge {@code livestation.callbacks.oldest.unreconciled} current: every few seconds, one
 * query over the partial index of the callbacks the nightly job has not reconciled yet, so that a scrape
 * never waits for the database.
 */
final class UnreconciledAge implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UnreconciledAge.class);

	private static final String OLDEST = """
			SELECT extract(epoch FROM now() - min(occurred_at))
			FROM livestation.event_callback
			WHERE reconciled_at IS NULL
			""";

	private final JdbcTemplate jdbc;

	private final CallbackMetrics metrics;

	private final Duration every;

	private ScheduledExecutorService scheduler;

	UnreconciledAge(JdbcTemplate jdbc, CallbackMetrics metrics, Duration every) {
		this.jdbc = jdbc;
		this.metrics = metrics;
		this.every = every;
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "callback-unreconciled-age");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::refresh, 0, this.every.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void refresh() {
		try {
			Double seconds = this.jdbc.queryForObject(OLDEST, Double.class);
			this.metrics.oldestUnreconciled((seconds != null) ? seconds : 0);
		}
		catch (RuntimeException ex) {
			// the committers say when the database fails; the gauge keeps its last value
			log.debug("Could not read the oldest unreconciled callback", ex);
		}
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null && !this.scheduler.isShutdown();
	}

}
