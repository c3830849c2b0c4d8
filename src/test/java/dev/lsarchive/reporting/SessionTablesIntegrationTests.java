package dev.lsarchive.reporting;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.ArchiveTables;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The session tables recomputed channel by channel and in one pass: the same rows. */
class SessionTablesIntegrationTests {

	private static final String[] TABLES = { "publish_session", "recording_session" };

	@BeforeEach
	void emptyArchive() throws SQLException {
		TestDatabase.get().reset();
		// the rows compared are kept beside the archive, in a schema of the test's own
		execute("DROP SCHEMA IF EXISTS scratch CASCADE", "CREATE SCHEMA scratch");
	}

	@AfterEach
	void dropScratch() throws SQLException {
		execute("DROP SCHEMA IF EXISTS scratch CASCADE");
	}

	@Test
	void recomputingInOnePassGivesTheRowsOfRecomputingChannelByChannel() throws SQLException {
		// given: three nights in which channels go off air and are deleted, a channel with an end before its
		// first start and a start followed by another start; then every channel marked, half of them from their
		// first mark, half from the middle of their history, and the rows to recompute spoiled
		SimulatorProperties account = SimulatorProperties.of(27, 30).toBuilder().eventsPerDay(0.001).build();
		try (LiveStationSimulator simulator = Simulators.start(account)) {
			simulator.acceptAccountClockSignatures();
			SimulatedDataset dataset = simulator.dataset();
			for (int night = 1; night <= 3; night++) {
				Instant at = dataset.liveFrom().plus(Duration.ofDays(night)).plus(Duration.ofHours(2));
				simulator.setTime(at);
				ArchiveRun.completesAt(Clock.fixed(at, ZoneOffset.UTC), simulator, "2026-11-2" + night);
			}
		}
		String channel = "(SELECT min(channel_id) FROM livestation.channel_event WHERE event_code = 'PUBLISH_START')";
		String first = "(SELECT min(occurred_at) FROM livestation.channel_event WHERE channel_id = " + channel
				+ " AND event_code = 'PUBLISH_START')";
		execute("INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)"
				+ " SELECT gen_random_uuid(), " + channel + ", 'PUBLISH_END', " + first + " - interval '1 hour', 'request'",
				"INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)"
						+ " SELECT gen_random_uuid(), " + channel + ", 'PUBLISH_START', " + first
						+ " - interval '10 minutes', 'request'",
				"INSERT INTO reporting.session_stale (channel_id, since)"
						+ " SELECT channel_id, CASE WHEN hashtext(channel_id) % 2 = 0 THEN '-infinity'::timestamptz"
						+ " ELSE percentile_disc(0.5) WITHIN GROUP (ORDER BY occurred_at) END"
						+ " FROM livestation.channel_event"
						+ " WHERE event_code IN ('PUBLISH_START', 'PUBLISH_END', 'ONAIR_START', 'ONAIR_END')"
						+ " GROUP BY channel_id ON CONFLICT (channel_id) DO UPDATE SET since = excluded.since",
				// as the event writer marks the channel of the two events added
				"UPDATE reporting.session_stale SET since = '-infinity' WHERE channel_id = " + channel,
				"CREATE TABLE scratch.marks AS SELECT * FROM reporting.session_stale");
		for (String table : TABLES) {
			execute("UPDATE reporting." + table + " t SET duration_minutes = -1, ended_by = 'spoiled'"
					+ " FROM reporting.session_stale s WHERE t.channel_id = s.channel_id"
					+ " AND coalesce(t.started_at, t.ended_at) >= s.since",
					"CREATE TABLE scratch.given_" + table + " AS SELECT * FROM reporting." + table);
		}
		assertThat(count("SELECT count(*) FROM reporting.session_stale WHERE since = '-infinity'")).isPositive();
		assertThat(count("SELECT count(*) FROM reporting.session_stale WHERE since > '-infinity'")).isPositive();
		SessionTables sessions = sessionTables();

		// when: channel by channel, then in one pass from the same rows and marks
		long channelByChannel = sessions.recomputeStaleChannelByChannel();
		for (String table : TABLES) {
			execute("CREATE TABLE scratch.by_channel_" + table + " AS SELECT * FROM reporting." + table,
					"TRUNCATE reporting." + table,
					"INSERT INTO reporting." + table + " SELECT * FROM scratch.given_" + table);
		}
		execute("INSERT INTO reporting.session_stale SELECT * FROM scratch.marks");
		long inOnePass = sessions.recomputeStaleInOnePass();

		// then: the same rows, column for column, both ways; both equal a whole recount
		assertThat(inOnePass).isEqualTo(channelByChannel).isEqualTo(count("SELECT count(*) FROM scratch.marks"));
		for (String table : TABLES) {
			String onePass = "SELECT * FROM reporting." + table;
			String byChannel = "SELECT * FROM scratch.by_channel_" + table;
			assertThat(count("SELECT count(*) FROM ((" + onePass + ") EXCEPT ALL (" + byChannel + ")) d")).isZero();
			assertThat(count("SELECT count(*) FROM ((" + byChannel + ") EXCEPT ALL (" + onePass + ")) d")).isZero();
			assertThat(count("SELECT count(*) FROM reporting." + table)).isPositive();
			assertThat(count("SELECT count(*) FROM reporting." + table + " WHERE ended_by = 'spoiled'")).isZero();
		}
		assertThat(count("SELECT count(*) FROM reporting.session_stale")).isZero();
		assertThat(ArchiveTables.sessionsDifferingFromARecount()).isZero();
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE ended_by = 'status'"))
			.as("sessions a status ended").isPositive();
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE ended_by = 'deleted'"))
			.as("sessions a deletion ended").isPositive();
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_open")).isPositive();
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_orphan_end")).isPositive();
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_unterminated")).isPositive();
	}

	@Test
	void onlyMostChannelsDueFromTheirFirstMarkAreRecomputedInOnePass() throws SQLException {
		// given: a first night, whose refresh consumed its marks
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(6, 80))) {
			ArchiveRun.completes(simulator, "2026-11-20");
		}
		SessionTables sessions = sessionTables();
		String markAll = "INSERT INTO reporting.session_stale (channel_id, since)"
				+ " SELECT channel_id, %s FROM livestation.channel ORDER BY channel_id LIMIT %d";

		// when, then: every channel from its first mark (a first load, a new time zone)
		execute(markAll.formatted("'-infinity'::timestamptz", 6));
		assertThat(sessions.onePassDue()).isTrue();
		// half of them
		execute("DELETE FROM reporting.session_stale", markAll.formatted("'-infinity'::timestamptz", 3));
		assertThat(sessions.onePassDue()).isTrue();
		// fewer than half
		execute("DELETE FROM reporting.session_stale", markAll.formatted("'-infinity'::timestamptz", 2));
		assertThat(sessions.onePassDue()).isFalse();
		// every channel, but from a new night's marks: after their sessions so far
		execute("DELETE FROM reporting.session_stale", markAll.formatted("now()", 6));
		assertThat(count("SELECT count(*) FROM reporting.publish_session")).isPositive();
		assertThat(sessions.onePassDue()).isFalse();
	}

	@Test
	void aBatchOfChannelsWaitingForTheSessionTablesHoldsNoMark() throws Exception {
		// given: marks to recompute, and the session tables held as another run's one pass holds them
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(6, 80))) {
			ArchiveRun.completes(simulator, "2026-11-20");
		}
		execute("INSERT INTO reporting.session_stale (channel_id, since) SELECT channel_id, now() FROM livestation.channel");
		TestDatabase database = TestDatabase.get();
		ExecutorService refresh = Executors.newSingleThreadExecutor();
		try (Connection onePass = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = onePass.createStatement()) {
			onePass.setAutoCommit(false);
			statement.execute("LOCK TABLE reporting.publish_session, reporting.recording_session IN ACCESS EXCLUSIVE MODE");

			// when: a batch of channels is recomputed meanwhile, and waits
			Future<Long> batches = refresh.submit(() -> sessionTables().recomputeStaleChannelByChannel());
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'reporting.publish_session'::regclass"
					+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0) {
				assertThat(System.nanoTime()).as("the batch waits for the tables").isLessThan(deadline);
				assertThat(batches).isNotDone();
				Thread.sleep(20);
			}

			// then: the one pass can still take every mark (before, the batch held them: a deadlock), and the batch
			// goes on once it is done
			try (ResultSet marks = statement.executeQuery("SELECT channel_id FROM reporting.session_stale FOR UPDATE NOWAIT")) {
				int taken = 0;
				while (marks.next()) {
					taken++;
				}
				assertThat(taken).isEqualTo(6);
			}
			onePass.rollback();
			assertThat(batches.get(1, TimeUnit.MINUTES)).isEqualTo(6);
		}
		finally {
			refresh.shutdownNow();
		}
	}

	private static SessionTables sessionTables() {
		TestDatabase database = TestDatabase.get();
		DataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		return new SessionTables(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	private static void execute(String... statements) throws SQLException {
		TestDatabase database = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
