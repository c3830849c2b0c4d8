package dev.lsarchive.job;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.config.ExitCodes;

/**
 * The on-call check: is the archive's schema the one this version needs, did the last night's run
 * complete, up to which date is the archive complete, are snapshot captures still running, and does
 * the callback receiver keep up (once callbacks are in use)?
 * It only reads. Exit code 0 when all is well, {@link ExitCodes#UNHEALTHY} when the schema is
 * missing or older, the night did not complete, the archive has a gap, captures have stopped, or the
 * callback receiver has fallen behind.
 * Every instant it prints is ISO-8601 with the offset of the business time zone.
 */
final class HealthCheck {

	private static final String LATEST = """
			SELECT status, finished_at, started_at, exit_message FROM reporting.archive_health WHERE run_date = ?
			""";

	private static final String ARCHIVE = """
			SELECT min(run_date) AS first_run_date, max(run_date) AS last_run_date,
			    max(archived_completely_through) AS through
			FROM reporting.archive_health
			""";

	private static final String CAPTURES = """
			SELECT count(*) AS runs, max(finished_at) FILTER (WHERE status = 'COMPLETED') AS last_completed
			FROM livestation.archive_run WHERE job_name = ?
			""";

	private static final String GAPS = """
			SELECT count(*) AS gaps, count(DISTINCT channel_id) AS channels, min(after_at) AS since
			FROM livestation.event_gap WHERE detected_run_date = ? AND filled_at IS NULL
			""";

	// callbacks are in use once the receiver stored one or opened a window
	private static final String CALLBACKS = """
			SELECT (SELECT max(last_received_at) FROM livestation.event_callback) AS newest_callback,
			    EXISTS (SELECT 1 FROM livestation.event_callback)
			        OR EXISTS (SELECT 1 FROM livestation.callback_receiver_window) AS in_use
			""";

	// the channel with the most events archived over the last week, and its newest event: the channel
	// whose pushes are the most certain to be expected
	private static final String BUSIEST = """
			SELECT channel_id, max(occurred_at) AS newest_event FROM livestation.channel_event
			WHERE occurred_at > ? GROUP BY channel_id ORDER BY count(*) DESC, channel_id LIMIT 1
			""";

	/**
	 * How much older than the busiest channel's newest archived event the receiver's newest callback may
	 * be: a push arrives within seconds of its event, a retried one within minutes of backoff, and the
	 * clocks of Live Station and of the receiver may differ by a few minutes; a receiver that is down
	 * or no longer registered falls behind by hours.
	 */
	static final Duration CALLBACK_MARGIN = Duration.ofMinutes(30);

	private final JdbcTemplate jdbc;

	private final Flyway flyway;

	private final PrintStream out;

	private final Duration captureStaleAfter;

	private final ZoneId timeZone;

	private final Clock clock;

	HealthCheck(JdbcTemplate jdbc, Flyway flyway, PrintStream out, Duration captureStaleAfter, ZoneId timeZone,
			Clock clock) {
		this.jdbc = jdbc;
		this.flyway = flyway;
		this.out = out;
		this.captureStaleAfter = captureStaleAfter;
		this.timeZone = timeZone;
		this.clock = clock;
	}

	/** Checks the schema, the night of {@code expected}, its continuity and the snapshot captures; returns the exit code. */
	int check(LocalDate expected) {
		if (!checkSchema()) {
			return ExitCodes.UNHEALTHY;
		}
		int night = checkNight(expected);
		int gaps = (night == ExitCodes.COMPLETED) ? checkContinuity(expected) : ExitCodes.COMPLETED;
		int captures = checkCaptures();
		int callbacks = checkCallbacks();
		if (night != ExitCodes.COMPLETED) {
			return night;
		}
		if (captures != ExitCodes.COMPLETED) {
			return captures;
		}
		return (callbacks != ExitCodes.COMPLETED) ? callbacks : gaps;
	}

	// Flyway's info only reads the schema history: the migrations this jar ships that the database
	// has not applied are pending
	private boolean checkSchema() {
		MigrationInfoService info = this.flyway.info();
		MigrationInfo current = info.current();
		if (current == null) {
			this.out.printf("CRITICAL: the archive schema is missing in database %s; run the job once to create it%n",
					this.jdbc.queryForObject("SELECT current_database()", String.class));
			return false;
		}
		MigrationInfo[] pending = info.pending();
		MigrationVersion needed = Arrays.stream(pending)
			.map(MigrationInfo::getVersion)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		if (needed != null) {
			this.out.printf("CRITICAL: the archive schema is at version %s, this version needs %s;"
					+ " run the job once to upgrade it%n", current.getVersion(), needed);
			return false;
		}
		// only repeatable migrations pending (they have no version): a reporting view or function is not
		// this version's. Their checksums include the reader role's name, so that a check given another
		// ARCHIVE_READER_ROLE than the job's sees them all pending
		if (pending.length > 0) {
			this.out.printf("CRITICAL: the archive schema is at version %s, but its reporting views and functions"
					+ " are not this version's (%s); run the job once to upgrade it (and give this check the job's"
					+ " ARCHIVE_READER_ROLE)%n", current.getVersion(),
					Arrays.stream(pending).map(MigrationInfo::getScript).collect(Collectors.joining(", ")));
			return false;
		}
		return true;
	}

	private int checkNight(LocalDate expected) {
		Archive archive = this.jdbc.queryForObject(ARCHIVE, (rs, row) -> new Archive(
				rs.getObject("first_run_date", LocalDate.class), rs.getObject("last_run_date", LocalDate.class),
				rs.getObject("through", LocalDate.class)));
		if (archive == null || archive.first() == null) {
			this.out.printf("CRITICAL: no nightly run has been archived yet, so neither has run date %s;"
					+ " run --archive.run-date=%s and schedule the job (see jobs/README.md)%n", expected, expected);
			return ExitCodes.UNHEALTHY;
		}
		List<Map<String, Object>> rows = this.jdbc.queryForList(LATEST, expected);
		if (rows.isEmpty()) {
			this.out.println(notArchived(expected, archive));
			return ExitCodes.UNHEALTHY;
		}
		Map<String, Object> run = rows.get(0);
		String status = (String) run.get("status");
		if ("STARTED".equals(status)) {
			this.out.printf("CRITICAL: the run for %s started at %s and has not ended (it is still running, or its"
					+ " process died); if it is not running, run %s to resume it%n", expected, at(run.get("started_at")),
					archive.relaunch(expected));
			return ExitCodes.UNHEALTHY;
		}
		if (!"COMPLETED".equals(status)) {
			this.out.println(notCompleted(expected, run, archive));
			return ExitCodes.UNHEALTHY;
		}
		if (archive.firstWithoutCompletedRun().isBefore(expected)) {
			this.out.printf("WARNING: the run for %s completed at %s, but run date %s has no completed run; run %s%n",
					expected, at(run.get("finished_at")), archive.firstWithoutCompletedRun(),
					archive.relaunch(expected));
			return ExitCodes.UNHEALTHY;
		}
		this.out.printf("OK: the run for %s completed at %s; every run date through %s has a completed run%n", expected,
				at(run.get("finished_at")), archive.through());
		return ExitCodes.COMPLETED;
	}

	private static String notArchived(LocalDate expected, Archive archive) {
		if (expected.isBefore(archive.first())) {
			return "CRITICAL: run date " + expected + " has not been archived (the archive begins with run date "
					+ archive.first() + "); run --archive.run-date=" + expected;
		}
		LocalDate gap = archive.firstWithoutCompletedRun();
		String context = (gap.isBefore(expected) ? "the first run date without a completed run is " + gap + "; " : "")
				+ "the latest run is for " + archive.last();
		return "CRITICAL: run date " + expected + " has not been archived (" + context + "); run "
				+ archive.relaunch(expected);
	}

	private String notCompleted(LocalDate expected, Map<String, Object> run, Archive archive) {
		String reason = firstLine((String) run.get("exit_message"));
		String ended = "CRITICAL: the run for " + expected + " ended " + run.get("status")
				+ ((run.get("finished_at") != null) ? " at " + at(run.get("finished_at")) : "");
		if (reason != null && reason.regionMatches(true, 0, FailureReason.CREDENTIALS_REFUSED, 0,
				FailureReason.CREDENTIALS_REFUSED.length())) {
			return ended + ": " + reason + "; fix LIVESTATION_API_ACCESSKEY / LIVESTATION_API_SECRETKEY, then run "
					+ archive.relaunch(expected);
		}
		return ended + ((reason != null) ? ": " + reason : "") + "; run " + archive.relaunch(expected)
				+ " to resume it";
	}

	private int checkContinuity(LocalDate expected) {
		Map<String, Object> gaps = this.jdbc.queryForMap(GAPS, expected);
		long found = ((Number) gaps.get("gaps")).longValue();
		if (found == 0) {
			return ExitCodes.COMPLETED;
		}
		this.out.printf("WARNING: the run for %s found %d windows in which events of %d channels may have been lost"
				+ " (the earliest after %s): see reporting.channel_coverage and livestation.event_gap%n", expected, found,
				gaps.get("channels"), at(gaps.get("since")));
		return ExitCodes.EVENTS_MAY_BE_LOST;
	}

	private int checkCaptures() {
		Map<String, Object> captures = this.jdbc.queryForMap(CAPTURES, ArchiveProperties.Job.SNAPSHOT_CAPTURE.jobName());
		long runs = ((Number) captures.get("runs")).longValue();
		if (runs == 0) {
			this.out.println("NOTE: no snapshot capture has run; without one, a snapshot is archived with its info only"
					+ " when a nightly run lists it within its hour (schedule the capture: see jobs/README.md)");
			return ExitCodes.COMPLETED;
		}
		Timestamp last = (Timestamp) captures.get("last_completed");
		Instant staleBefore = this.clock.instant().minus(this.captureStaleAfter);
		if (last == null || last.toInstant().isBefore(staleBefore)) {
			this.out.printf("WARNING: snapshot captures have stopped: %s; snapshots listed since then expire before"
					+ " their info is read (see the capture's log and its schedule: jobs/README.md)%n",
					(last != null) ? "the last one completed at " + at(last) + ", more than "
							+ this.captureStaleAfter.toString().substring(2).toLowerCase() + " ago"
							: "none of the " + runs + " that ran has completed");
			return ExitCodes.UNHEALTHY;
		}
		this.out.printf("OK: the last snapshot capture completed at %s%n", at(last));
		return ExitCodes.COMPLETED;
	}

	/**
	 * Whether the callback receiver keeps up, once callbacks are in use: its newest callback must not be
	 * older than the newest event archived for the busiest channel by more than {@link #CALLBACK_MARGIN}.
	 */
	int checkCallbacks() {
		Map<String, Object> callbacks = this.jdbc.queryForMap(CALLBACKS);
		if (!Boolean.TRUE.equals(callbacks.get("in_use"))) {
			return ExitCodes.COMPLETED;
		}
		Timestamp newestCallback = (Timestamp) callbacks.get("newest_callback");
		List<Map<String, Object>> busiest = this.jdbc.queryForList(BUSIEST,
				Timestamp.from(this.clock.instant().minus(Duration.ofDays(7))));
		if (busiest.isEmpty()) {
			return ExitCodes.COMPLETED;
		}
		Timestamp newestEvent = (Timestamp) busiest.get(0).get("newest_event");
		if (newestCallback != null
				&& !newestCallback.toInstant().plus(CALLBACK_MARGIN).isBefore(newestEvent.toInstant())) {
			this.out.printf("OK: the callback receiver's newest callback arrived at %s%n", at(newestCallback));
			return ExitCodes.COMPLETED;
		}
		this.out.printf("WARNING: the callback receiver has fallen behind: %s, but channel %s has an archived event"
				+ " of %s; check that the receiver runs and that its URL is registered (--archive.job=register-callback)%n",
				(newestCallback != null) ? "its newest callback arrived at " + at(newestCallback)
						: "it has received no callback",
				busiest.get(0).get("channel_id"), at(newestEvent));
		return ExitCodes.UNHEALTHY;
	}

	/** An instant as ISO-8601 with the business time zone's offset, to the second: {@code 2026-12-06T13:57:04+09:00}. */
	private String at(Object timestamp) {
		return ((Timestamp) timestamp).toInstant()
			.atZone(this.timeZone)
			.toOffsetDateTime()
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	private static @Nullable String firstLine(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip().lines().findFirst().orElse(null);
	}

	/**
	 * The nightly runs in the ledger: the first and the latest run date, and the last date through
	 * which every run date has a completed run (the day before the first, when none has).
	 */
	private record Archive(@Nullable LocalDate first, @Nullable LocalDate last, @Nullable LocalDate through) {

		LocalDate firstWithoutCompletedRun() {
			return this.through.plusDays(1);
		}

		/** The launch that archives {@code runDate} and every run date before it that has no completed run. */
		String relaunch(LocalDate runDate) {
			LocalDate from = firstWithoutCompletedRun();
			return from.isBefore(runDate) ? "--archive.catch-up-from=" + from + " --archive.run-date=" + runDate
					: "--archive.run-date=" + runDate;
		}

	}

}
