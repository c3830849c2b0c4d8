package dev.lsarchive.reporting;

import java.time.ZoneId;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the reporting layer up to date after a run: the business time zone from
 * {@code archive.time-zone}, then the sessions of the channels whose start or end events changed or
 * that a listing saw not publishing during a session ({@link SessionTables}; every channel when the
 * time zone changed), batch by batch so that
 * dashboards reading them are never blocked; when most channels are due from their first mark (a first load,
 * a new time zone) in one pass instead, the tables' keys built after their rows (readers then wait for the
 * commit). The day counts, which the event writer keeps current
 * on later nights, are counted whole after a first load and when the time zone changes.
 */
public class ReportingRefresh {

	private static final Logger log = LoggerFactory.getLogger(ReportingRefresh.class);

	private static final String SET_TIME_ZONE = """
			UPDATE reporting.setting SET time_zone = ? WHERE time_zone IS DISTINCT FROM ?
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final DailyCounts dailyCounts;

	private final SessionTables sessions;

	/** Refreshes through {@code jdbc}, in transactions of {@code transactionManager} (the one of jdbc's data source). */
	public ReportingRefresh(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.dailyCounts = new DailyCounts(jdbc);
		this.sessions = new SessionTables(jdbc, this.transaction);
	}

	/**
	 * Sets the business time zone, and recomputes the sessions of the channels whose start or end
	 * events changed (of every channel when the time zone did): an unchanged night costs no refresh.
	 */
	public void refresh(ZoneId timeZone) {
		long start = System.nanoTime();
		// the zone on a connection of its own, committed at once, so that the recomputing sees it;
		// the day counts (when due) are counted beside the sessions, on another core of PostgreSQL
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			boolean zoneChanged = pool.submit(() -> setTimeZone(timeZone)).get();
			boolean countsStale = !this.dailyCounts.keptByWriters();
			if (zoneChanged) {
				this.sessions.markAll();
			}
			if (!this.sessions.anyStale() && !countsStale) {
				log.info("Reporting views are up to date: no new start or end events, no session seen ended, same time zone");
				return;
			}
			Future<?> counting = countsStale ? pool.submit(this::recountDays) : null;
			long channels = this.sessions.recomputeStale();
			log.info("Sessions recomputed for {} channels whose start or end events changed or that were seen not publishing",
					channels);
			if (counting != null) {
				counting.get();
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

}
