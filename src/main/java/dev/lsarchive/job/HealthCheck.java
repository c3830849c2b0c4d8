package dev.lsarchive.job;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The on-call check: did the last night's run complete, up to which date is the archive complete,
 * and are snapshot captures still running? Exit code 0 when all is well, {@link ExitCodes#UNHEALTHY}
 * when the night did not complete, the archive has a gap, or captures have stopped.
 */
final class HealthCheck {

	private static final String LATEST = """
			SELECT run_date, status, finished_at, archived_completely_through, exit_message
			FROM reporting.archive_health WHERE run_date = ?
			""";

	private static final String THROUGH = "SELECT max(archived_completely_through) FROM reporting.archive_health";

	private static final String CAPTURES = """
			SELECT count(*) AS runs, max(finished_at) FILTER (WHERE status = 'COMPLETED') AS last_completed
			FROM livestation.archive_run WHERE job_name = 'snapshotCaptureJob'
			""";

	private final JdbcTemplate jdbc;

	private final PrintStream out;

	private final Duration captureStaleAfter;

	private final Clock clock;

	HealthCheck(JdbcTemplate jdbc, PrintStream out, Duration captureStaleAfter, Clock clock) {
		this.jdbc = jdbc;
		this.out = out;
		this.captureStaleAfter = captureStaleAfter;
		this.clock = clock;
	}

	private static final String GAPS = """
			SELECT count(*) AS gaps, count(DISTINCT channel_id) AS channels, min(after_at) AS since
			FROM livestation.event_gap WHERE detected_run_date = ?
			""";

	/** Checks the night of {@code expected}, its continuity and the snapshot captures; returns the exit code. */
	int check(LocalDate expected) {
		int night = checkNight(expected);
		int gaps = (night == ExitCodes.COMPLETED) ? checkContinuity(expected) : ExitCodes.COMPLETED;
		int captures = checkCaptures();
		if (night != ExitCodes.COMPLETED) {
			return night;
		}
		return (captures != ExitCodes.COMPLETED) ? captures : gaps;
	}

	private int checkContinuity(LocalDate expected) {
		Map<String, Object> gaps = this.jdbc.queryForMap(GAPS, expected);
		long found = ((Number) gaps.get("gaps")).longValue();
		if (found == 0) {
			return ExitCodes.COMPLETED;
		}
		this.out.printf("WARNING: the run for %s found %d windows in which events of %d channels may have been lost"
				+ " (the earliest after %s): see reporting.channel_coverage and livestation.event_gap%n", expected, found,
				gaps.get("channels"), ((Timestamp) gaps.get("since")).toInstant());
		return ExitCodes.EVENTS_MAY_BE_LOST;
	}

	private int checkCaptures() {
		Map<String, Object> captures = this.jdbc.queryForMap(CAPTURES);
		long runs = ((Number) captures.get("runs")).longValue();
		if (runs == 0) {
			this.out.println("NOTE: no snapshot capture has run; without one, a snapshot is archived with its info only"
					+ " when a nightly run lists it within its hour (schedule the capture: see jobs/README.md)");
			return ExitCodes.COMPLETED;
		}
		Timestamp last = (Timestamp) captures.get("last_completed");
		Instant staleBefore = this.clock.instant().minus(this.captureStaleAfter);
		if (last == null || last.toInstant().isBefore(staleBefore)) {
			this.out.printf("WARNING: snapshot captures have stopped: the last one completed %s (more than %s ago);"
					+ " snapshots listed since then expire before their info is read%n",
					(last != null) ? "at " + last.toInstant() : "never", this.captureStaleAfter);
			return ExitCodes.UNHEALTHY;
		}
		this.out.printf("OK: the last snapshot capture completed at %s%n", last.toInstant());
		return ExitCodes.COMPLETED;
	}

	private int checkNight(LocalDate expected) {
		LocalDate through = this.jdbc.queryForObject(THROUGH, LocalDate.class);
		List<Map<String, Object>> rows = this.jdbc.queryForList(LATEST, expected);
		if (rows.isEmpty()) {
			this.out.printf("CRITICAL: no archive run for %s; archived completely through %s%n", expected,
					(through != null) ? through : "(nothing yet)");
			return ExitCodes.UNHEALTHY;
		}
		Map<String, Object> run = rows.get(0);
		if (!"COMPLETED".equals(run.get("status"))) {
			this.out.printf("CRITICAL: the run for %s is %s (%s); archived completely through %s%n", expected,
					run.get("status"), run.get("exit_message"), through);
			return ExitCodes.UNHEALTHY;
		}
		if (through == null || through.isBefore(expected)) {
			this.out.printf("WARNING: the run for %s completed, but earlier dates have gaps: archived completely through %s%n",
					expected, through);
			return ExitCodes.UNHEALTHY;
		}
		this.out.printf("OK: the run for %s completed at %s; archived completely through %s%n", expected,
				run.get("finished_at"), through);
		return ExitCodes.COMPLETED;
	}

}
