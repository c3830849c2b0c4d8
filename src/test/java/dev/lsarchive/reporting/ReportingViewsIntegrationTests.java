package dev.lsarchive.reporting;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.normalize.SessionEvents;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.ArchiveTables;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The reporting layer over an archive of known simulator data. */
class ReportingViewsIntegrationTests {

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void publishAndRecordingSessionsPairStartsWithTheirEndsAndOnlyPublishingChannelsAreOpen() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(16, 150))) {

			// when
			ArchiveRun.completes(simulator, "2026-11-20");

			// then
			List<ExpectedSessions.Run> runs = ExpectedSessions.Run.archived(Simulators.NIGHT);
			ExpectedSessions publish = ExpectedSessions.of(simulator.dataset(), SessionEvents.PUBLISH, runs);
			ExpectedSessions recording = ExpectedSessions.of(simulator.dataset(), SessionEvents.RECORDING, runs);
			assertThat(endedSessions("publish_session")).isEqualTo(sorted(publish.closed()));
			assertThat(count("SELECT sum(duration_minutes) FROM reporting.publish_session"))
				.isEqualTo(publish.closed().stream().mapToLong(ExpectedSessions.Session::minutes).sum());
			assertThat(openChannels("publish_session")).isEqualTo(publish.openChannels().stream().sorted().toList())
				.isEqualTo(rows("SELECT channel_id FROM reporting.channel_current WHERE channel_status = 'PUBLISHING'"
						+ " ORDER BY channel_id").stream().map((r) -> r.get("channel_id")).toList())
				.isNotEmpty();
			assertThat(endedSessions("recording_session")).isEqualTo(sorted(recording.closed()));
			assertThat(openChannels("recording_session")).isEqualTo(recording.openChannels().stream().sorted().toList());
			assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_orphan_end OR is_unterminated"))
				.isZero();
		}
	}

	@Test
	void aSessionWithoutItsEndEndsWhenItsChannelIsFirstSeenNotPublishingOrDeleted() {
		// given: the history ends on air for the publishing channels; 13 goes off air on day 2 (READY),
		// 26 is deleted on day 3 (DELETED); no event comes after the history
		SimulatorProperties account = SimulatorProperties.of(27, 30).toBuilder().eventsPerDay(0.001).build();
		try (LiveStationSimulator simulator = Simulators.start(account)) {
			simulator.acceptAccountClockSignatures();
			SimulatedDataset dataset = simulator.dataset();
			SimulatedChannel offAir = dataset.channels().get(13);
			SimulatedChannel deleted = dataset.channels().get(26);
			Instant[] nights = { night(dataset, 1), night(dataset, 2), night(dataset, 3) };
			assertThat(List.of(offAir.status(), deleted.status())).containsOnly("PUBLISHING");
			assertThat(List.of(dataset.statusAt(offAir, nights[1].toEpochMilli()),
					dataset.statusAt(deleted, nights[2].toEpochMilli()))).containsExactly("READY", "DELETED");
			for (SimulatedChannel channel : dataset.channels()) {
				assertThat(dataset.events(channel, nights[2].toEpochMilli())).toIterable().hasSize(account.eventsPerChannel());
			}

			// when: three nights
			for (int night = 0; night < nights.length; night++) {
				simulator.setTime(nights[night]);
				ArchiveRun.completesAt(Clock.fixed(nights[night], ZoneOffset.UTC), simulator, "2026-11-2" + night);
			}

			// then: each ends at the run that first saw it so, and says why; the others as the recount says
			List<ExpectedSessions.Run> runs = ExpectedSessions.Run.archived(nights);
			assertThat(lastSession(offAir)).containsEntry("ended_at", Timestamp.from(runs.get(1).at()))
				.containsEntry("ended_by", "status").containsEntry("is_open", false);
			assertThat(lastSession(deleted)).containsEntry("ended_at", Timestamp.from(runs.get(2).at()))
				.containsEntry("ended_by", "deleted").containsEntry("is_open", false);
			ExpectedSessions publish = ExpectedSessions.of(dataset, SessionEvents.PUBLISH, runs);
			ExpectedSessions recording = ExpectedSessions.of(dataset, SessionEvents.RECORDING, runs);
			assertThat(endedSessions("publish_session")).isEqualTo(sorted(publish.closed()));
			assertThat(endedSessions("recording_session")).isEqualTo(sorted(recording.closed()));
			assertThat(openChannels("publish_session")).isEqualTo(publish.openChannels().stream().sorted().toList())
				.isNotEmpty()
				.doesNotContain(offAir.channelId(), deleted.channelId());
			assertThat(count("SELECT count(*) FROM reporting.publish_session s JOIN reporting.channel_current c"
					+ " USING (channel_id) WHERE s.is_open AND c.channel_status <> 'PUBLISHING'"))
				.as("open sessions only on channels still publishing").isZero();
			assertThat(count("SELECT count(*) FROM reporting.session_stale")).isZero();
			assertThat(ArchiveTables.sessionsDifferingFromARecount()).as("kept sessions equal a whole recount").isZero();
		}
	}

	@Test
	void aStartAfterWhichTheChannelIsListedBlockedAgainEndsAtThatListing() {
		// given: a blocked channel, archived; then a start is reported for it, and no end
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(12, 30))) {
			SimulatedChannel blocked = simulator.dataset().channels().get(9);
			assertThat(blocked.status()).isEqualTo("BLOCK");
			ArchiveRun.completes(simulator, "2026-11-20");
			Instant start = Instant.ofEpochMilli(System.currentTimeMillis());
			simulator.script("/api/v2/events?channelId=" + blocked.channelId(), 200, "application/json",
					archivedListPlus(blocked.channelId(), "{\"eventCode\":\"PUBLISH_START\",\"timestamp\":"
							+ start.toEpochMilli() + "}"));

			// when: the next night lists it BLOCK again (its status history does not change)
			ArchiveRun.completes(simulator, "2026-11-21");

			// then
			Instant seen = ExpectedSessions.Run.archived(Simulators.NIGHT, Simulators.NIGHT).get(1).at();
			assertThat(lastSession(blocked)).containsEntry("started_at", Timestamp.from(start))
				.containsEntry("ended_at", Timestamp.from(seen))
				.containsEntry("ended_by", "status")
				.containsEntry("is_open", false)
				.containsEntry("is_unterminated", false);
			assertThat(count("SELECT count(*) FROM livestation.channel_status_history WHERE channel_id = '"
					+ blocked.channelId() + "'")).isOne();
			assertThat(ArchiveTables.sessionsDifferingFromARecount()).isZero();
		}
	}

	// the account's time of the nth night after the history
	private static Instant night(SimulatedDataset dataset, int night) {
		return dataset.liveFrom().plus(Duration.ofDays(night)).plus(Duration.ofHours(2));
	}

	private static Map<String, Object> lastSession(SimulatedChannel channel) {
		return rows("SELECT started_at, ended_at, ended_by, is_open, is_unterminated FROM reporting.publish_session"
				+ " WHERE channel_id = '" + channel.channelId() + "' ORDER BY started_at DESC LIMIT 1").get(0);
	}

	// the sessions that ended: channel, start, end (ms since the epoch) and what ended them
	private static List<String> endedSessions(String table) {
		return rows("SELECT channel_id || ' ' || floor(extract(epoch FROM started_at) * 1000)::bigint || ' '"
				+ " || floor(extract(epoch FROM ended_at) * 1000)::bigint || ' ' || ended_by AS s FROM reporting." + table
				+ " WHERE ended_at IS NOT NULL AND NOT is_orphan_end ORDER BY 1").stream().map((r) -> (String) r.get("s"))
			.toList();
	}

	private static List<String> sorted(List<ExpectedSessions.Session> sessions) {
		return sessions.stream()
			.map((s) -> s.channelId() + " " + s.start().toEpochMilli() + " " + s.end().toEpochMilli() + " " + s.endedBy())
			.sorted()
			.toList();
	}

	private static List<Object> openChannels(String table) {
		return rows("SELECT channel_id FROM reporting." + table + " WHERE is_open ORDER BY channel_id").stream()
			.map((r) -> r.get("channel_id"))
			.toList();
	}

	@Test
	void anEndWithoutAStartIsAnOrphanAndAStartWithoutAnEndIsNeverPairedAcrossSessions() throws Exception {
		// given: a channel whose first mark is an end, and whose later start never ended before the next start
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 40))) {
			ArchiveRun.completes(simulator, "2026-11-20");
			SimulatedChannel channel = simulator.dataset().channels().get(0);
			long before = count("SELECT count(*) FROM reporting.publish_session WHERE ended_at IS NOT NULL");
			String start = "SELECT min(occurred_at) FROM livestation.channel_event WHERE event_code = '"
					+ SessionEvents.PUBLISH.start() + "'";
			execute("INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)"
					+ " SELECT gen_random_uuid(), '" + channel.channelId() + "', '" + SessionEvents.PUBLISH.end() + "', ("
					+ start
					+ ") - interval '1 hour', 'request'",
					"INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)"
							+ " SELECT gen_random_uuid(), '" + channel.channelId() + "', '" + SessionEvents.PUBLISH.start()
							+ "', (" + start
							+ ") - interval '10 minutes', 'request'",
					// as the event writer does with the events it archives
					"INSERT INTO reporting.session_stale VALUES ('" + channel.channelId() + "', (" + start
							+ ") - interval '1 hour')");

			// when
			javax.sql.DataSource dataSource = dataSource();
			new ReportingRefresh(new org.springframework.jdbc.core.JdbcTemplate(dataSource),
					new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource))
				.refresh(java.time.ZoneId.of("Asia/Seoul"));

			// then
			assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_orphan_end")).isOne();
			assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_unterminated")).isOne();
			assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE ended_at IS NOT NULL AND NOT is_orphan_end"))
				.as("the stray start is not paired with the next session's end").isEqualTo(before);
		}
	}

	@Test
	void currentChannelsTimelineAndSnapshotInventory() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(10, 20))) {
			long snapshots = simulator.dataset().channels().stream().filter((c) -> c.snapshotId() != null).count();

			// when
			ArchiveRun.completes(simulator, "2026-11-20");

			// then
			assertThat(count("SELECT count(*) FROM reporting.channel_current WHERE status_since IS NOT NULL"
					+ " AND last_event_at IS NOT NULL")).isEqualTo(10);
			assertThat(count("SELECT count(*) FROM reporting.channel_status_timeline WHERE is_current")).isEqualTo(10);
			assertThat(count("SELECT count(*) FROM reporting.snapshot_inventory")).isEqualTo(snapshots);
			assertThat(count("SELECT count(*) FROM reporting.snapshot_inventory WHERE NOT info_captured"))
				.as("captured and expired snapshots alike")
				.isEqualTo(count("SELECT count(*) FROM livestation.snapshot WHERE NOT info_captured")).isPositive();
			assertThat(count("SELECT count(*) FROM reporting.snapshot_inventory WHERE is_url_valid <> (expire_at > now())"))
				.isZero();
		}
	}

	@Test
	void dayBoundariesFollowTheBusinessTimeZone() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 100))) {

			// when
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.time-zone=America/New_York");

			// then
			assertThat(count("SELECT sum(events) FROM reporting.daily_channel_events"))
				.isEqualTo(count("SELECT count(*) FROM livestation.channel_event"));
			assertThat(count("""
					SELECT count(*) FROM (
					  SELECT (occurred_at AT TIME ZONE 'America/New_York')::date AS day, channel_id, event_code, count(*) AS n
					  FROM livestation.channel_event GROUP BY 1, 2, 3) expected
					FULL JOIN (SELECT day, channel_id, event_code, sum(events) AS n FROM reporting.daily_channel_events
					           GROUP BY 1, 2, 3) actual USING (day, channel_id, event_code)
					WHERE expected.n IS DISTINCT FROM actual.n""")).isZero();
		}
	}

	@Test
	void dailyCountsFollowEveryEventTheArchiveAddsAndTheTimeZone() {
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(4, 150))) {
			// given: a first night (counted once at its end)
			ArchiveRun.completes(simulator, "2026-11-20");
			assertThat(mismatchedDays("Asia/Seoul")).isZero();
			assertThat(count("SELECT count(*) FROM reporting.setting WHERE daily_counts_current")).isOne();

			// when: a channel's list grows by two events, a new channel's first list sends an event twice
			// (the writer's staging path), then the business time zone changes
			String channel = simulator.dataset().channels().get(1).channelId();
			simulator.script("/api/v2/events?channelId=" + channel, 200, "application/json",
					archivedListPlus(channel, "{\"eventCode\":\"LATE_ARRIVAL\",\"logLevel\":\"ERROR\",\"description\":\"a\",\"timestamp\":1763500000000}",
							"{\"eventCode\":\"LATE_ARRIVAL\",\"description\":\"b\",\"timestamp\":1763510000000}"));
			String added = simulator.dataset().createChannelAtHead("LIVE").channelId();
			simulator.script("/api/v2/events?channelId=" + added, 200, "application/json",
					archivedListPlus(added, "{\"eventCode\":\"LATE_ARRIVAL\",\"description\":\"c\",\"timestamp\":1763520000000}",
							"{\"eventCode\":\"LATE_ARRIVAL\",\"description\":\"c\",\"timestamp\":1763520000000}"));
			ArchiveRun.completes(simulator, "2026-11-21");
			long lateInSeoul = count("SELECT sum(events) FROM reporting.daily_channel_events WHERE event_code = 'LATE_ARRIVAL'");
			long mismatchedInSeoul = mismatchedDays("Asia/Seoul");
			ArchiveRun.completes(simulator, "2026-11-22", "--archive.time-zone=America/New_York");

			// then
			assertThat(lateInSeoul).isEqualTo(3);
			assertThat(mismatchedInSeoul).isZero();
			assertThat(mismatchedDays("America/New_York")).isZero();
			assertThat(count("SELECT sum(events) FROM reporting.daily_channel_events"))
				.isEqualTo(count("SELECT count(*) FROM livestation.channel_event"));
		}
	}

	// day counts that differ from counting channel_event in the zone (0: all agree)
	private static long mismatchedDays(String zone) {
		return count("""
				SELECT count(*) FROM (
				  SELECT (occurred_at AT TIME ZONE '%s')::date AS day, channel_id, event_code,
				         coalesce(log_level, '-') AS level, count(*) AS n
				  FROM livestation.channel_event GROUP BY 1, 2, 3, 4) expected
				FULL JOIN (SELECT day, channel_id, event_code, coalesce(log_level, '-') AS level, events
				           FROM reporting.daily_channel_events) actual USING (day, channel_id, event_code, level)
				WHERE expected.n IS DISTINCT FROM actual.events""".formatted(zone));
	}

	// the channel's archived events as the API would send them, followed by more
	private static byte[] archivedListPlus(String channel, String... more) {
		StringBuilder body = new StringBuilder("{\"content\":[");
		for (java.util.Map<String, Object> event : rows("SELECT event_code, log_level, description,"
				+ " (extract(epoch FROM occurred_at) * 1000)::bigint AS millis FROM livestation.channel_event"
				+ " WHERE channel_id = '" + channel + "' ORDER BY occurred_at")) {
			body.append(String.format("{\"eventCode\":\"%s\",\"logLevel\":\"%s\",\"description\":\"%s\",\"timestamp\":%d},",
					event.get("event_code"), event.get("log_level"), event.get("description"), event.get("millis")));
		}
		body.append(String.join(",", more)).append("]}");
		return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void archiveHealthSaysHowFarTheArchiveIsComplete() {
		// given: the 18th and 20th completed, the 19th never ran
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 5))) {

			// when
			ArchiveRun.completes(simulator, "2026-11-18");
			ArchiveRun.completes(simulator, "2026-11-20");

			// then
			assertThat(rows("SELECT DISTINCT archived_completely_through::text AS through FROM reporting.archive_health"))
				.extracting((r) -> r.get("through"))
				.containsExactly("2026-11-18");
		}
	}

	@Test
	void theReaderRoleReadsEveryViewAndWritesNothing() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 10))) {
			ArchiveRun.completes(simulator, "2026-11-20");
		}
		List<String> relations = rows("""
				SELECT schemaname || '.' || viewname AS name FROM pg_views WHERE schemaname IN ('reporting', 'livestation')
				UNION ALL SELECT schemaname || '.' || matviewname FROM pg_matviews WHERE schemaname = 'reporting'
				UNION ALL SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname IN ('reporting', 'livestation')
				""").stream().map((r) -> (String) r.get("name")).toList();
		assertThat(relations).contains("reporting.publish_session", "reporting.archive_health", "livestation.channel");

		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET ROLE " + TestDatabase.get().readerRole());

			// when / then: every relation reads
			for (String relation : relations) {
				statement.executeQuery("SELECT * FROM " + relation + " LIMIT 1").close();
			}
			// and nothing writes
			for (String write : List.of("INSERT INTO livestation.channel (channel_id, channel_status, first_archived_at,"
					+ " last_archived_at) VALUES ('x', 'READY', now(), now())", "DELETE FROM livestation.channel_event",
					"UPDATE reporting.setting SET time_zone = 'UTC'",
					"REFRESH MATERIALIZED VIEW reporting.publish_session", "CREATE TABLE reporting.mine (x int)",
					"UPDATE reporting.snapshot_inventory SET snapshot_url = 'x'")) {
				assertThatExceptionOfType(SQLException.class).as(write).isThrownBy(() -> statement.execute(write))
					.satisfies((ex) -> assertThat(ex.getSQLState()).isIn("42501", "42809", "55000"));
			}
		}
	}

	private static void execute(String... statements) throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	@Test
	void everyRecordingFileIsLinkedToTheRecordingSessionItOverlaps() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(5, 120))) {
			long recordings = simulator.dataset().channels().stream()
				.mapToLong((c) -> simulator.dataset().recordingsAt(c, simulator.now().toEpochMilli()).size())
				.sum();

			// when
			ArchiveRun.completes(simulator, "2026-11-20");

			// then: each recording is what one ONAIR_START .. ONAIR_END left, so its session starts when it began
			assertThat(count("SELECT count(*) FROM reporting.recording_file")).isEqualTo(recordings).isPositive();
			assertThat(count("SELECT count(*) FROM reporting.recording_file f JOIN reporting.recording_session s"
					+ " ON s.session_key = f.recording_session_key WHERE s.started_at = f.began_at"
					+ " AND s.channel_id = f.channel_id")).isEqualTo(recordings);
			assertThat(count("SELECT count(*) FROM reporting.recording_file WHERE is_uploaded <> (status = 'TRANSFER_FINISH')"
					+ " OR ended_local IS NULL OR began_local IS NULL OR minutes IS NULL")).isZero();
		}
	}

	@Test
	void aNightRecomputesTheSessionsOfTheChannelsItChangedOnlyAndTheyEqualAWholeRecount() {
		// given: a first night, then one channel's list brings a new session
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(6, 80))) {
			ArchiveRun.completes(simulator, "2026-11-20");
			String changed = simulator.dataset().channels().get(2).channelId();
			simulator.script("/api/v2/events?channelId=" + changed, 200, "application/json", archivedListPlus(changed,
					"{\"eventCode\":\"PUBLISH_START\",\"timestamp\":" + (Simulators.ANCHOR.toEpochMilli() - 30_000) + "}",
					"{\"eventCode\":\"PUBLISH_END\",\"timestamp\":" + (Simulators.ANCHOR.toEpochMilli() - 20_000) + "}"));
			String versions = "SELECT channel_id, string_agg(xmin::text, ',' ORDER BY session_key) AS v"
					+ " FROM reporting.publish_session GROUP BY channel_id ORDER BY channel_id";
			List<Map<String, Object>> before = rows(versions);

			// when
			ArchiveRun.completes(simulator, "2026-11-21");

			// then
			List<Map<String, Object>> after = rows(versions);
			assertThat(after).filteredOn((r) -> !changed.equals(r.get("channel_id")))
				.as("sessions of unchanged channels are not rewritten")
				.isEqualTo(before.stream().filter((r) -> !changed.equals(r.get("channel_id"))).toList());
			assertThat(count("SELECT count(*) FROM reporting.session_stale")).isZero();
			assertThat(ArchiveTables.sessionsDifferingFromARecount()).as("kept sessions equal a whole recount").isZero();
			assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE channel_id = '" + changed
					+ "' AND started_at = '" + Simulators.ANCHOR.minusSeconds(30) + "' AND duration_minutes = 0")).isOne();
		}
	}

	private static javax.sql.DataSource dataSource() {
		TestDatabase database = TestDatabase.get();
		return new org.springframework.jdbc.datasource.DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
	}

}
