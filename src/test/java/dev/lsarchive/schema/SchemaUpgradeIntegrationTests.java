package dev.lsarchive.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An archive built by an earlier release upgrades to this one without losing a row: a database is
 * migrated to each version from V9 on, given rows in every archive and reporting table it has (as
 * the job of that release wrote them), and migrated to the latest version; then every table holds at
 * least its rows, the session tables the same sessions, and every reporting view and function answers.
 * Analysts' own views over the reporting views survive the upgrade; one over a table the upgrade
 * creates anew stops it, saying which and what to do. The archive of each version is a copy of one
 * database migrated a version at a time, the schema a database migrated from nothing to that version has.
 */
class SchemaUpgradeIntegrationTests {

	/** The first version upgraded from: every kind of channel. */
	private static final int FIRST = 9;

	/** The last version whose reporting views were defined by versioned migrations. */
	private static final int LAST_BEFORE_REPEATABLE_MIGRATIONS = 17;

	// the archive's schemas: Spring Batch's job repository (schema batch) is Spring Batch's to upgrade
	private static final String RELATIONS = """
			SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname IN ('livestation', 'reporting') AND c.relkind IN (%s) ORDER BY 1
			""";

	private static final String FUNCTIONS = """
			SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			WHERE n.nspname = 'reporting' ORDER BY 1
			""";

	/** A call of each reporting function, by its signature; a new function needs one here. */
	private static final Map<String, String> CALLS = Map.of(
			"reporting.sessions(text,text)", "SELECT count(*) FROM reporting.sessions('PUBLISH_START', 'PUBLISH_END')",
			"reporting.sessions(text,text,text[],timestamp with time zone[])",
			"SELECT count(*) FROM reporting.sessions('ONAIR_START', 'ONAIR_END', ARRAY['ls-live'], ARRAY[NULL]::timestamptz[])",
			"reporting.sessions_in_one_pass(text,text,text[],timestamp with time zone[])",
			"SELECT count(*) FROM reporting.sessions_in_one_pass('ONAIR_START', 'ONAIR_END', ARRAY['ls-live'],"
					+ " ARRAY[NULL]::timestamptz[])",
			"reporting.session_stop(text,timestamp with time zone,timestamp with time zone)",
			"SELECT count(*) FROM reporting.session_stop('ls-live', '2026-11-01T16:00:00Z', NULL)",
			"reporting.session_row(text,text,boolean,timestamp with time zone,text,timestamp with time zone,"
					+ "timestamp with time zone,text)",
			"SELECT count(*) FROM reporting.session_row('PUBLISH_START', 'PUBLISH_END', true, '2026-11-18T10:00:00Z',"
					+ " 'PUBLISH_END', '2026-11-18T11:01:00Z', NULL, NULL)");

	private static final Set<String> SESSION_TABLES = Set.of("reporting.publish_session", "reporting.recording_session");

	// the empty archive at each earlier version, never changed: each test upgrades a copy of one
	private static final Map<Integer, TestDatabase> ARCHIVES = new TreeMap<>();

	private static TestDatabase migratedStepByStep;

	@BeforeAll
	static void emptyArchiveAtEachEarlierVersion() throws IOException {
		migratedStepByStep = TestDatabase.get().createEmpty();
		for (int version : earlierVersions().toList()) {
			migratedStepByStep.migrateTo(String.valueOf(version));
			ARCHIVES.put(version, migratedStepByStep.createCopy());
		}
	}

	// the copies before the database they share their reader role with
	@AfterAll
	static void dropArchives() {
		ARCHIVES.values().forEach(TestDatabase.get()::drop);
		ARCHIVES.clear();
		if (migratedStepByStep != null) {
			TestDatabase.get().drop(migratedStepByStep);
		}
	}

	/** Every version from {@link #FIRST} to the one before the newest, read from the files (a number may be unused). */
	static Stream<Integer> earlierVersions() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
			List<Integer> versions = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches("V\\d+__.*\\.sql"))
				.map((name) -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
				.filter((version) -> version >= FIRST)
				.sorted()
				.toList();
			return versions.subList(0, versions.size() - 1).stream();
		}
	}

	@ParameterizedTest(name = "from version {0}")
	@MethodSource("earlierVersions")
	void anArchiveOfAnEarlierVersionUpgradesWithoutLosingARowAndEveryReportingObjectAnswers(int version) {
		TestDatabase database = archiveAt(version);
		try (SingleConnectionDataSource connection = connection(database)) {
			// given: an archive at that version, with rows in every table
			JdbcTemplate jdbc = new JdbcTemplate(connection);
			UpgradeSeed.into(jdbc);
			assertThat(tables(jdbc)).allSatisfy((table) -> assertThat(rows(jdbc, table))
				.as("%s exists at version %d: give it rows in UpgradeSeed, so that its upgrade is seen to keep them",
						table, version)
				.isPositive());
			Map<String, Long> before = rowsPerRelation(jdbc);
			Map<String, List<String>> sessionsBefore = sessions(jdbc, version);

			// when
			database.migrateTo("latest");

			// then
			Map<String, Long> after = rowsPerRelation(jdbc);
			assertThat(before).allSatisfy((relation, rows) -> assertThat(after.get(relation))
				.as("rows of %s after upgrading from version %d (%d before)", relation, version, rows)
				.isNotNull()
				.isGreaterThanOrEqualTo(rows));
			assertThat(sessions(jdbc, version)).as("sessions after upgrading from version %d", version)
				.isEqualTo(sessionsBefore);
			assertThat(relations(jdbc, "'v', 'm'").stream().filter((relation) -> relation.startsWith("reporting.")))
				.isNotEmpty()
				.allSatisfy((view) -> assertThat(jdbc.queryForObject("SELECT count(*) FROM " + view, Long.class))
					.as("%s answers", view)
					.isNotNull());
			assertThat(jdbc.queryForList(FUNCTIONS, String.class))
				.as("the reporting functions: a new one needs a call in CALLS")
				.containsExactlyInAnyOrderElementsOf(CALLS.keySet());
			CALLS.forEach((function, call) -> assertThat(jdbc.queryForObject(call, Long.class))
				.as("%s answers", function)
				.isPositive());
			if (version >= 12) {
				assertThat(jdbc.queryForObject("""
						SELECT count(*) FROM reporting.recording_file f JOIN reporting.recording_session s
						    ON s.session_key = f.recording_session_key
						WHERE f.record_id = 'rec-1' AND s.started_at = '2026-11-18T10:01:00Z'
						""", Long.class)).as("the recording is linked to its recording session").isOne();
			}
		}
		finally {
			TestDatabase.get().drop(database);
		}
	}

	@Test
	void analystsOwnViewsOverReportingViewsSurviveTheUpgrade() {
		TestDatabase database = archiveAt(LAST_BEFORE_REPEATABLE_MIGRATIONS);
		try (SingleConnectionDataSource connection = connection(database)) {
			// given: an archive of the last version before repeatable migrations, with a view of an
			// analyst's own over each reporting view the upgrade does not drop
			JdbcTemplate jdbc = new JdbcTemplate(connection);
			UpgradeSeed.into(jdbc);
			List<String> views = relations(jdbc, "'v'").stream()
				.filter((view) -> view.startsWith("reporting.") && !view.equals("reporting.recording_file"))
				.toList();
			views.forEach((view) -> jdbc.execute("CREATE VIEW public.analyst_" + view.substring("reporting.".length())
					+ " AS SELECT * FROM " + view));

			// when
			database.migrateTo("latest");

			// then
			assertThat(views).isNotEmpty()
				.allSatisfy((view) -> assertThat(jdbc.queryForObject("SELECT count(*) FROM public.analyst_"
						+ view.substring("reporting.".length()), Long.class))
					.as("the analyst's view over %s", view)
					.isEqualTo(jdbc.queryForObject("SELECT count(*) FROM " + view, Long.class)));
		}
		finally {
			TestDatabase.get().drop(database);
		}
	}

	@Test
	void anAnalystsViewOverATableTheUpgradeRewritesStopsItWithAMessageNamingTheView() {
		TestDatabase database = archiveAt(LAST_BEFORE_REPEATABLE_MIGRATIONS);
		try (SingleConnectionDataSource connection = connection(database)) {
			// given: a view of an analyst's own over a session table, which V18 creates anew
			JdbcTemplate jdbc = new JdbcTemplate(connection);
			UpgradeSeed.into(jdbc);
			jdbc.execute("CREATE VIEW public.analyst_live AS SELECT channel_id FROM reporting.publish_session WHERE is_open");

			// when / then: nothing of the upgrade is applied, and the message says what to do
			assertThatThrownBy(() -> database.migrateTo("latest")).hasStackTraceContaining(
					"views of your own read them: public.analyst_live; drop them, run the job once, then create them again");
			assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
					+ " ORDER BY installed_rank DESC LIMIT 1", String.class))
				.containsExactly(String.valueOf(LAST_BEFORE_REPEATABLE_MIGRATIONS));
			assertThat(jdbc.queryForObject("SELECT count(*) FROM public.analyst_live", Long.class)).isOne();
		}
		finally {
			TestDatabase.get().drop(database);
		}
	}

	// an empty archive at that version, of the test's own
	private static TestDatabase archiveAt(int version) {
		return ARCHIVES.get(version).createCopy();
	}

	// one connection for the whole test (a new one per statement costs more than the statements), idle
	// outside its statements: it holds no lock the migrations wait for
	private static SingleConnectionDataSource connection(TestDatabase database) {
		return new SingleConnectionDataSource(database.jdbcUrl(), database.username(), database.password(), true);
	}

	private static List<String> tables(JdbcTemplate jdbc) {
		return relations(jdbc, "'r'");
	}

	private static List<String> relations(JdbcTemplate jdbc, String kinds) {
		return jdbc.queryForList(String.format(RELATIONS, kinds), String.class);
	}

	private static long rows(JdbcTemplate jdbc, String relation) {
		Long rows = jdbc.queryForObject("SELECT count(*) FROM " + relation, Long.class);
		return (rows != null) ? rows : 0;
	}

	// tables and materialized views (the session views were materialized before they were tables)
	private static Map<String, Long> rowsPerRelation(JdbcTemplate jdbc) {
		Map<String, Long> rows = new TreeMap<>();
		for (String relation : relations(jdbc, "'r', 'm'")) {
			rows.put(relation, rows(jdbc, relation));
		}
		return rows;
	}

	// the sessions, each a line: from a version that ends sessions as this one does (V16), the whole
	// row; before it, which sessions there are (the upgrade recounts when they ended)
	private static Map<String, List<String>> sessions(JdbcTemplate jdbc, int version) {
		Map<String, List<String>> sessions = new LinkedHashMap<>();
		for (String table : SESSION_TABLES.stream().sorted().toList()) {
			String line = (version >= 16) ? "to_jsonb(t)::text"
					: "concat_ws('|', t.channel_id, t.session_key, t.started_at, t.is_orphan_end)";
			sessions.put(table, new ArrayList<>(jdbc.queryForList(
					"SELECT " + line + " FROM " + table + " t ORDER BY t.session_key", String.class)));
		}
		assertThat(sessions.values()).as("sessions to upgrade").allSatisfy((rows) -> assertThat(rows).isNotEmpty());
		return sessions;
	}

}
