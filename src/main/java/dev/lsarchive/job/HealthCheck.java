package dev.lsarchive.job;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The on-call check: did the last night's run complete, and up to which date is the archive
 * complete? Exit code 0 when it did, {@link ExitCodes#UNHEALTHY} when it did not.
 */
final class HealthCheck {

	private static final String LATEST = """
			SELECT run_date, status, finished_at, archived_completely_through, exit_message
			FROM reporting.archive_health WHERE run_date = ?
			""";

	private static final String THROUGH = "SELECT max(archived_completely_through) FROM reporting.archive_health";

	private final JdbcTemplate jdbc;

	private final PrintStream out;

	HealthCheck(JdbcTemplate jdbc, PrintStream out) {
		this.jdbc = jdbc;
		this.out = out;
	}

	int check(LocalDate expected) {
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
