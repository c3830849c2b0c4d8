package dev.lsarchive.job;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health check as monitoring runs it: it never changes the database it watches, prints every
 * instant in the business time zone with its offset, and each of its lines says what is wrong and
 * what to do, without contradicting another.
 */
class HealthCheckIntegrationTests {

	private static final Pattern REPORT_LINE = Pattern.compile("^(CRITICAL|WARNING|OK|NOTE): .*", Pattern.MULTILINE);

	private static final Pattern DATE_AND_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}[^\\s;,)]*");

	@BeforeAll
	static void archiveSchema() {
		TestDatabase.get().migrateTo("latest");
	}

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void onAnEmptyDatabaseItSaysToRunTheJobOnceAndCreatesNothing() throws Exception {
		// given
		TestDatabase empty = TestDatabase.get().createEmpty();
		try {
			List<String> rolesBefore = roles();

			// when
			PackagedJar.Result result = health(empty, "2026-12-05");

			// then
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
			assertThat(reportLines(result)).containsExactly("CRITICAL: the archive schema is missing in database "
					+ empty.databaseName() + "; run the job once to create it");
			assertThat(result.output()).doesNotContain("\tat ", "Exception");
			assertThat(schemasAndRelations(empty)).isEmpty();
			assertThat(roles()).isEqualTo(rolesBefore);
		}
		finally {
			TestDatabase.get().drop(empty);
		}
	}

	@Test
	void onAnOlderSchemaItSaysToRunTheJobOnceAndChangesNothing() throws Exception {
		// given: an archive migrated by an older version
		TestDatabase older = TestDatabase.get().createEmpty();
		try {
			older.migrateTo("6");
			List<String> before = schemasAndRelations(older);
			List<String> historyBefore = jdbc(older)
				.queryForList("SELECT version FROM flyway_schema_history ORDER BY installed_rank", String.class);

			// when
			PackagedJar.Result result = health(older, "2026-12-05");

			// then
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
			assertThat(reportLines(result)).containsExactly("CRITICAL: the archive schema is at version 6, this version"
					+ " needs " + newestMigrationShipped() + "; run the job once to upgrade it");
			assertThat(schemasAndRelations(older)).isEqualTo(before);
			assertThat(jdbc(older).queryForList("SELECT version FROM flyway_schema_history ORDER BY installed_rank",
					String.class)).isEqualTo(historyBefore);
		}
		finally {
			TestDatabase.get().drop(older);
		}
	}

	@Test
	void onAFullyMigratedSchemaWhoseReportingViewsAreOlderItSaysToRunTheJobOnce() throws Exception {
		// given: every versioned migration applied, one reporting view from another version of its file
		TestDatabase migrated = TestDatabase.get().createEmpty();
		try {
			migrated.migrateTo("latest");
			jdbc(migrated).update("UPDATE flyway_schema_history SET checksum = checksum + 1"
					+ " WHERE script = 'R__03_channel_current.sql'");

			// when
			PackagedJar.Result result = health(migrated, "2026-12-05");

			// then
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
			assertThat(reportLines(result)).containsExactly("CRITICAL: the archive schema is at version "
					+ newestMigrationShipped() + ", but its reporting views and functions are not this version's"
					+ " (R__03_channel_current.sql); run the job once to upgrade it (and give this check the job's"
					+ " ARCHIVE_READER_ROLE)");
		}
		finally {
			TestDatabase.get().drop(migrated);
		}
	}

	@Test
	void everyInstantItPrintsIsIsoWithTheOffsetOfTheBusinessTimeZone() throws Exception {
		// given: a completed night that found a window of possible event loss, and a capture just now
		night(1, "2026-12-05", "COMPLETED", "2026-12-06T04:57:04.176Z", null);
		jdbc(TestDatabase.get()).update("""
				INSERT INTO livestation.event_gap (channel_id, after_at, before_at, detected_run_date, job_execution_id)
				VALUES ('ls-1', '2026-12-05T15:00:00.5Z', '2026-12-05T16:00:00Z', '2026-12-05', 1)
				""");
		jdbc(TestDatabase.get()).update("""
				INSERT INTO livestation.archive_run (job_execution_id, job_instance_id, run_date, status, started_at,
				    finished_at, job_name)
				VALUES (2, 2, current_date, 'COMPLETED', now(), now(), ?)
				""", ArchiveProperties.Job.SNAPSHOT_CAPTURE.jobName());

		// when: with the default business time zone, Asia/Seoul
		PackagedJar.Result result = health(TestDatabase.get(), "2026-12-05");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.EVENTS_MAY_BE_LOST);
		String report = String.join("\n", reportLines(result));
		assertThat(report).contains("OK: the run for 2026-12-05 completed at 2026-12-06T13:57:04+09:00;")
			.contains("(the earliest after 2026-12-06T00:00:00+09:00)")
			.contains("OK: the last snapshot capture completed at ");
		List<String> instants = DATE_AND_TIME.matcher(report).results().map(MatchResult::group).toList();
		assertThat(instants).hasSize(3)
			.allSatisfy((instant) -> assertThat(instant).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+09:00"));
	}

	@Test
	void aRunDateBeforeTheArchiveBeganIsNotReportedAsArchived() throws Exception {
		// given: the archive begins with the 5th
		night(1, "2026-12-05", "COMPLETED", "2026-12-06T04:57:04Z", null);

		// when
		PackagedJar.Result result = health(TestDatabase.get(), "2026-12-04");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(reportLines(result)).containsExactly("CRITICAL: run date 2026-12-04 has not been archived (the archive"
				+ " begins with run date 2026-12-05); run --archive.run-date=2026-12-04",
				"NOTE: no snapshot capture has run; without one, a snapshot is archived with its info only when a nightly"
						+ " run lists it within its hour (schedule the capture: see jobs/README.md)");
	}

	@Test
	void aMissedNightAfterAFailedOneSaysFromWhereToCatchUp() throws Exception {
		// given: the 3rd completed, the 4th failed, the 5th never ran
		night(1, "2026-12-03", "COMPLETED", "2026-12-04T04:57:04Z", null);
		night(2, "2026-12-04", "FAILED", "2026-12-05T04:57:04Z", "GET /api/v2/events failed (HTTP 503)");

		// when
		PackagedJar.Result result = health(TestDatabase.get(), "2026-12-05");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(reportLines(result)).first()
			.isEqualTo("CRITICAL: run date 2026-12-05 has not been archived (the first run date without a completed run"
					+ " is 2026-12-04; the latest run is for 2026-12-04); run --archive.catch-up-from=2026-12-04"
					+ " --archive.run-date=2026-12-05");
	}

	@Test
	void aFailedNightSaysWhyAndToResumeIt() throws Exception {
		// given
		night(1, "2026-12-04", "COMPLETED", "2026-12-05T04:57:04Z", null);
		night(2, "2026-12-05", "FAILED", "2026-12-06T04:57:04Z", "GET /api/v2/events failed (HTTP 503)\nmore detail");

		// when
		PackagedJar.Result result = health(TestDatabase.get(), "2026-12-05");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(reportLines(result)).first()
			.isEqualTo("CRITICAL: the run for 2026-12-05 ended FAILED at 2026-12-06T13:57:04+09:00: GET /api/v2/events"
					+ " failed (HTTP 503); run --archive.run-date=2026-12-05 to resume it");
	}

	@Test
	void refusedCredentialsAreToldApartFromAFailedNight() throws Exception {
		// given: the gateway refused last night's credentials
		night(1, "2026-12-04", "COMPLETED", "2026-12-05T04:57:04Z", null);
		night(2, "2026-12-05", "FAILED", "2026-12-06T04:57:04Z",
				"credentials refused by the gateway (HTTP 401, trace id 4f1c9a): the access key is not known");

		// when
		PackagedJar.Result result = health(TestDatabase.get(), "2026-12-05");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(reportLines(result)).first()
			.isEqualTo("CRITICAL: the run for 2026-12-05 ended FAILED at 2026-12-06T13:57:04+09:00: credentials refused by"
					+ " the gateway (HTTP 401, trace id 4f1c9a): the access key is not known; fix LIVESTATION_API_ACCESSKEY"
					+ " / LIVESTATION_API_SECRETKEY, then run --archive.run-date=2026-12-05");
	}

	@Test
	void aMonitoringLoginThatHoldsOnlyTheReaderRoleRunsIt() throws Exception {
		// given: a completed night, and a login that holds the reader role and nothing else
		TestDatabase database = TestDatabase.get();
		night(1, "2026-12-05", "COMPLETED", "2026-12-06T03:00:00+09:00", null);
		String monitor = database.readerRole() + "_monitor";
		jdbc(database).execute("CREATE ROLE " + monitor + " LOGIN PASSWORD 'monitor-password' IN ROLE "
				+ database.readerRole());
		try {
			// when
			PackagedJar.Result result = PackagedJar.runWithoutTestDatabase("--spring.profiles.active=health",
					"--archive.run-date=2026-12-05", "--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=" + monitor, "--spring.datasource.password=monitor-password",
					// the job's reader role, as the check's settings name it (ARCHIVE_READER_ROLE)
					"--spring.flyway.placeholders.reader_role=" + database.readerRole());

			// then
			assertThat(result.output()).doesNotContain("permission denied", "refused the job");
			assertThat(result.exitCode()).as(result.output()).isNotEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(reportLines(result)).anySatisfy((line) -> assertThat(line).startsWith("OK: "));
		}
		finally {
			jdbc(database).execute("DROP ROLE " + monitor);
		}
	}

	private static PackagedJar.Result health(TestDatabase database, String runDate) throws Exception {
		return PackagedJar.runOn(database, "--spring.profiles.active=health", "--archive.run-date=" + runDate);
	}

	private static List<String> reportLines(PackagedJar.Result result) {
		return REPORT_LINE.matcher(result.output()).results().map(MatchResult::group).toList();
	}

	private static void night(long id, String runDate, String status, String finishedAt, String exitMessage) {
		jdbc(TestDatabase.get()).update("""
				INSERT INTO livestation.archive_run (job_execution_id, job_instance_id, run_date, status, started_at,
				    finished_at, exit_message, job_name)
				VALUES (?, ?, ?::date, ?, ?::timestamptz - interval '1 hour', ?::timestamptz, ?, ?)
				""", id, id, runDate, status, finishedAt, finishedAt, exitMessage, ArchiveProperties.Job.NIGHTLY.jobName());
	}

	private static JdbcTemplate jdbc(TestDatabase database) {
		return new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
	}

	/** Every schema and relation of {@code database} but PostgreSQL's own, with the empty public schema left out. */
	private static List<String> schemasAndRelations(TestDatabase database) {
		return jdbc(database).queryForList("""
				SELECT n.nspname || coalesce('.' || c.relname || ' ' || c.relkind::text, '') AS name
				FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid
				WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
				  AND NOT (n.nspname = 'public' AND c.oid IS NULL)
				ORDER BY 1
				""", String.class);
	}

	// roles are the server's: other test runs sharing it create and drop roles of their own meanwhile
	private static List<String> roles() {
		return jdbc(TestDatabase.get()).queryForList(
				"SELECT rolname FROM pg_roles WHERE rolname NOT LIKE 'lsarchive\\_test\\_%' OR rolname LIKE ? ORDER BY 1",
				String.class, TestDatabase.get().databaseName() + "%");
	}

	/** The newest version of {@code db/migration}, read from the files rather than through Flyway. */
	private static int newestMigrationShipped() {
		return Arrays.stream(Objects.requireNonNull(new File("db/migration").list()))
			.filter((name) -> name.matches("V\\d+__.*"))
			.map((name) -> name.replaceFirst("^V(\\d+)__.*", "$1"))
			.mapToInt(Integer::parseInt)
			.max()
			.orElseThrow();
	}

}
