package dev.lsarchive.reporting;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the reporting layer up to date after a run: the business time zone from
 * {@code archive.time-zone}, then the session views, in parallel, each refreshed concurrently so
 * that dashboards reading them are never blocked. The day counts, which the event writer keeps
 * current on later nights, are counted whole after a first load and when the time zone changes.
 */
public class ReportingRefresh {

	private static final Logger log = LoggerFactory.getLogger(ReportingRefresh.class);

	/** The materialized views of schema reporting, in refresh order. */
	public static final List<String> MATERIALIZED_VIEWS = List.of("reporting.publish_session",
			"reporting.recording_session");

	private static final String SET_TIME_ZONE = """
			UPDATE reporting.setting SET time_zone = ? WHERE time_zone IS DISTINCT FROM ?
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final DailyCounts dailyCounts;

	public ReportingRefresh(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
		this.dailyCounts = new DailyCounts(jdbc);
	}

	/** Sets the business time zone and refreshes every materialized view. */
	public void refresh(ZoneId timeZone) {
		refresh(timeZone, true);
	}

	/**
	 * Sets the business time zone, and refreshes every materialized view when the events changed or
	 * the time zone did: an unchanged night costs no refresh.
	 */
	public void refresh(ZoneId timeZone, boolean eventsChanged) {
		long start = System.nanoTime();
		// every statement on a pool thread: each on its own connection, committed at once, so that the
		// refreshes (in parallel, on as many cores as PostgreSQL has) see the new time zone
		ExecutorService pool = Executors.newFixedThreadPool(MATERIALIZED_VIEWS.size() + 1);
		try {
			boolean zoneChanged = pool.submit(() -> setTimeZone(timeZone)).get();
			boolean countsStale = !this.dailyCounts.keptByWriters();
			if (!eventsChanged && !zoneChanged && !countsStale) {
				log.info("Reporting views are up to date: no new events, same time zone");
				return;
			}
			List<Future<?>> refreshes = new ArrayList<>();
			if (countsStale) {
				refreshes.add(pool.submit(this::recountDays));
			}
			for (String view : MATERIALIZED_VIEWS) {
				refreshes.add(pool.submit(() -> refreshView(view)));
			}
			for (Future<?> refresh : refreshes) {
				refresh.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while refreshing the reporting views", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Refreshing the reporting views failed: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		log.info("Reporting views refreshed in {} ms", (System.nanoTime() - start) / 1_000_000);
	}

	// the new zone and the day counts in it commit together: no reader sees days of the other zone
	private boolean setTimeZone(ZoneId timeZone) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			if (this.jdbc.update(SET_TIME_ZONE, timeZone.getId(), timeZone.getId()) == 0) {
				return false;
			}
			recount();
			log.info("Business time zone is now {}: daily counts recounted", timeZone.getId());
			return true;
		}));
	}

	// after a first load, whose writers left the counting to the end (reporting.setting.daily_counts_current)
	private void recountDays() {
		this.transaction.executeWithoutResult((status) -> recount());
		log.info("Daily counts counted after a first load");
	}

	private void recount() {
		this.dailyCounts.recountAll();
	}

	// names come from the constant list above, never from input
	private void refreshView(String view) {
		Boolean empty = this.jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM " + view + ")", Boolean.class);
		// concurrently keeps readers going but diffs against the old rows; an empty view has no
		// reader to keep and nothing to diff against, so the plain refresh (twice as fast) is used
		this.jdbc.execute("REFRESH MATERIALIZED VIEW " + (Boolean.TRUE.equals(empty) ? "" : "CONCURRENTLY ") + view);
	}

}
