package dev.lsarchive.recording;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.normalize.SessionEvents;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatedRecording;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The recordings step against the simulator's recordings and clock, over real HTTP. */
class RecordingsIntegrationTests {

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void everyRecordingIsArchivedWithItsStatusAndAskedForAgainOnlyWhileItCanChange() {
		// given: the account a minute after its latest recording ended, while that one is still uploading
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(12, 60))) {
			SimulatedDataset dataset = simulator.dataset();
			long latestEnd = dataset.channels().stream()
				.flatMap((c) -> dataset.recordingsAt(c, Simulators.NIGHT.toEpochMilli()).stream())
				.filter((r) -> r.endTime() != null)
				.mapToLong(SimulatedRecording::endTime)
				.max()
				.orElseThrow();
			Instant firstNight = Instant.ofEpochMilli(latestEnd + 60_000);
			simulator.setTime(firstNight);
			Map<String, String> before = statuses(dataset, firstNight);

			// when: a night, then an hour later the next one, then the one after without any change
			ArchiveRun.completes(simulator, "2026-11-20");
			Map<String, String> archivedFirst = archivedStatuses();
			simulator.advance(Duration.ofHours(1));
			Map<String, String> after = statuses(dataset, simulator.now());
			ArchiveRun.completes(simulator, "2026-11-21");
			Map<String, String> archivedSecond = archivedStatuses();
			ArchiveRun.completes(simulator, "2026-11-22");

			// then: every recording, with the status the API showed each night
			assertThat(before).hasSizeGreaterThan(10).containsValue("RECORDING").containsValue("TRANSFER_FINISH");
			assertThat(archivedFirst).isEqualTo(before);
			assertThat(archivedSecond).isEqualTo(after);
			assertThat(count("SELECT count(*) FROM livestation.recording WHERE (object_storage_url IS NULL)"
					+ " <> (status <> 'TRANSFER_FINISH')")).isZero();
			List<Map<String, Object>> ledger = rows("SELECT recordings_read, recordings_written, recording_channels_asked,"
					+ " items_quarantined FROM livestation.archive_run ORDER BY job_execution_id");
			long channelsWithRecordings = dataset.channels().stream()
				.filter((c) -> !dataset.recordingsAt(c, firstNight.toEpochMilli()).isEmpty())
				.count();
			long dueSecond = dataset.channels().stream()
				.filter((c) -> recording(dataset, c, firstNight) || onairEventBetween(dataset, c, firstNight, simulator.now()))
				.count();
			long unfinishedSecond = channelsWithStatus(dataset, simulator.now(), "RECORDING");
			assertThat(ledger.get(0)).as("the first night asks every channel with recording events")
				.containsEntry("recording_channels_asked", count("SELECT count(DISTINCT channel_id)"
						+ " FROM livestation.channel_event WHERE event_code = ANY (?)",
						(Object) SessionEvents.RECORDING.codes()))
				.containsEntry("recordings_read", (long) before.size()).containsEntry("items_quarantined", 0L);
			assertThat((long) ledger.get(0).get("recording_channels_asked")).isGreaterThanOrEqualTo(channelsWithRecordings);
			assertThat(ledger.get(1)).as("the second night asks only channels with unfinished recordings or new recording events")
				.containsEntry("recording_channels_asked", dueSecond);
			assertThat(dueSecond).isLessThan(channelsWithRecordings);
			assertThat((long) ledger.get(1).get("recordings_written")).isPositive();
			assertThat(ledger.get(2)).containsEntry("recording_channels_asked", unfinishedSecond)
				.containsEntry("recordings_written", 0L);
			// when an upload finished or failed: first seen in that status by the second night
			assertThat(count("SELECT count(*) FROM livestation.recording r JOIN livestation.archive_run a"
					+ " ON a.run_date = '2026-11-21' WHERE r.status_since = a.started_at AND r.status LIKE 'TRANSFER_%'"))
				.isEqualTo(before.entrySet().stream()
					.filter((e) -> "RECORDING".equals(e.getValue()) && !"RECORDING".equals(after.get(e.getKey())))
					.count())
				.isPositive();
		}
	}

	@Test
	void aChannelIsAskedForARecordingEventNewerThanItsLastCheckWhateverTheReportingLayerWasTold() throws Exception {
		// given: a night archived, then a recording event newer than the one a channel was last asked with,
		// archived without the reporting layer's marks (as a restore or a manual load leaves it)
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(12, 60))) {
			ArchiveRun.completes(simulator, "2026-11-20");
			Map<String, Object> quiet = rows("""
					SELECT k.channel_id, k.onair_seen_through FROM livestation.recording_check k
					WHERE NOT k.channel_gone AND k.onair_seen_through IS NOT NULL AND NOT EXISTS (
					    SELECT 1 FROM livestation.recording r WHERE r.channel_id = k.channel_id AND r.status <> ALL (?))
					ORDER BY k.channel_id LIMIT 1
					""", (Object) RecordingRow.FINAL_STATUSES.toArray(String[]::new)).get(0);
			String channel = (String) quiet.get("channel_id");
			try (Connection connection = TestDatabase.get().connect();
					PreparedStatement insert = connection.prepareStatement("""
							INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)
							VALUES (gen_random_uuid(), ?, ?, ?::timestamptz + interval '1 second', 'request')
							""")) {
				insert.setString(1, channel);
				insert.setString(2, SessionEvents.RECORDING.end());
				insert.setObject(3, quiet.get("onair_seen_through"));
				insert.executeUpdate();
			}

			// when: the next night, then the one after, the account unchanged
			ArchiveRun.completes(simulator, "2026-11-21");
			ArchiveRun.completes(simulator, "2026-11-22");

			// then: the channel is asked once for it (its mark then holds the event), beside the channels
			// whose recordings are still uploading, asked both nights
			List<Map<String, Object>> ledger = rows("SELECT recording_channels_asked, recordings_written"
					+ " FROM livestation.archive_run ORDER BY job_execution_id");
			assertThat((long) ledger.get(1).get("recording_channels_asked"))
				.isEqualTo((long) ledger.get(2).get("recording_channels_asked") + 1);
			assertThat(ledger.get(1)).containsEntry("recordings_written", 0L);
			assertThat(count("SELECT count(*) FROM livestation.recording_check k JOIN livestation.archive_run a"
					+ " ON a.run_date = '2026-11-21' WHERE k.channel_id = ? AND k.checked_at = a.started_at", channel))
				.isOne();
		}
	}

	@Test
	void aStepThatFailsMidwayResumesAfterTheChannelsItCommittedAskingAndCountingEachChannelOnce() {
		// given: one partition on one thread, so that its chunks of 20 channels follow one another, and the 30th channel
		// due refused by the API (a request not retried) while the account has recordings still uploading
		SimulatorProperties data = SimulatorProperties.of(60, 60);
		List<String> due;
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			SimulatedDataset dataset = simulator.dataset();
			due = dataset.channels().stream()
				.filter((c) -> onairEventBetween(dataset, c, Instant.EPOCH, simulator.now()))
				.map(SimulatedChannel::channelId)
				.sorted()
				.toList();
			assertThat(due).hasSizeGreaterThan(40);
			assertThat(due.subList(0, 20).stream().filter((id) -> dataset.channels().stream()
				.anyMatch((c) -> c.channelId().equals(id) && recording(dataset, c, simulator.now())))).isNotEmpty();
			simulator.script("/api/v2/channels/" + due.get(29) + "/records", 400, "application/json",
					"{\"errorCode\":\"10001\",\"message\":\"refused\"}".getBytes(StandardCharsets.UTF_8));

			// when: the run fails in its second chunk, then is launched again against the same account
			ArchiveRun.exits(ExitCodes.FAILED, simulator, "2026-11-20", "--archive.event-partitions=1",
					"--archive.event-threads=1");
		}
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.event-partitions=1",
					"--archive.event-threads=1");

			// then: the first execution committed its first chunk, the second asked the others only, and the
			// run counts every channel and every recording once
			List<Map<String, Object>> ledger = rows("SELECT status, recording_channels_asked, recordings_read"
					+ " FROM livestation.archive_run ORDER BY job_execution_id");
			assertThat(ledger).hasSize(2);
			assertThat(ledger.get(0)).containsEntry("status", "FAILED").containsEntry("recording_channels_asked", 20L);
			assertThat(ledger.get(1)).containsEntry("status", "COMPLETED")
				.containsEntry("recording_channels_asked", (long) due.size())
				.containsEntry("recordings_read", count("SELECT count(*) FROM livestation.recording"));
			assertThat(count("SELECT count(*) FROM livestation.recording_check")).isEqualTo(due.size());
			assertThat(archivedStatuses()).isEqualTo(statuses(simulator.dataset(), simulator.now()));
		}
	}

	@Test
	void aChannelWithoutNewRecordingEventsIsAskedForItsUnfinishedRecordingsAloneAndAGoneOneFallsBackToTheList() {
		// given: a night archived while recordings are on air, then a few minutes of the account's clock
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(60, 200))) {
			SimulatedDataset dataset = simulator.dataset();
			Instant firstNight = simulator.now();
			ArchiveRun.completes(simulator, "2026-11-20");
			simulator.advance(Duration.ofMinutes(7));
			Instant secondNight = simulator.now();
			JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(TestDatabase.get().jdbcUrl(),
					TestDatabase.get().username(), TestDatabase.get().password()));
			// what the night will find due: the channels due now, and those its events step will find a
			// recording event for (which are asked for their lists)
			Set<String> newEvents = dataset.channels().stream()
				.filter((c) -> onairEventBetween(dataset, c, firstNight, secondNight))
				.map(SimulatedChannel::channelId)
				.collect(Collectors.toSet());
			List<RecordingReader.Due> dueNow = RecordingReader.due(jdbc);
			Set<String> due = new HashSet<>(newEvents);
			dueNow.forEach((c) -> due.add(c.channelId()));
			List<RecordingReader.Due> oneByOne = dueNow.stream()
				.filter((c) -> c.unfinishedOnly() && !newEvents.contains(c.channelId()))
				.toList();
			assertThat(oneByOne).as("channels recording through both nights").hasSizeGreaterThan(1);
			// the API no longer knows one of the recordings asked alone: its channel's list is asked instead
			RecordingReader.Due listedInstead = oneByOne.get(0);
			simulator.script("/api/v2/channels/" + listedInstead.channelId() + "/records/"
					+ listedInstead.unfinished().get(0), 404, "application/json",
					"{\"error\":{\"errorCode\":250004,\"message\":\"record not found\",\"errorName\":\"NOT_FOUND\"}}"
						.getBytes(StandardCharsets.UTF_8));
			long expectedRead = due.stream()
				.mapToLong((id) -> oneByOne.stream()
					.filter((c) -> c.channelId().equals(id) && c != listedInstead)
					.mapToLong((c) -> c.unfinished().size())
					.findFirst()
					.orElse(recordingsOf(dataset, id, secondNight)))
				.sum();

			// when
			ArchiveRun.completes(simulator, "2026-11-21");

			// then: the on-air recordings grew longer and nothing else changed; the channels without new
			// recording events read their unfinished recordings only, but the one whose recording was gone
			assertThat(archived()).containsAllEntriesOf(expected(dataset, secondNight));
			assertThat(expected(dataset, secondNight)).isNotEqualTo(expected(dataset, firstNight));
			Map<String, Object> night = rows("SELECT recordings_read, recording_channels_asked,"
					+ " (counts->>'recordings.channels_asked_unfinished_only')::bigint AS alone"
					+ " FROM livestation.archive_run ORDER BY job_execution_id DESC LIMIT 1").get(0);
			assertThat(night).containsEntry("recording_channels_asked", (long) due.size())
				.containsEntry("alone", oneByOne.size() - 1L)
				.containsEntry("recordings_read", expectedRead);
			assertThat(expectedRead).isLessThan(count("SELECT count(*) FROM livestation.recording WHERE channel_id = ANY (?)",
					(Object) due.toArray(String[]::new)));
		}
	}

	@Test
	void theChannelsDueAreFoundByIndexProbesPerChannelNotByScanningTheEvents() throws Exception {
		// given: an archive with recording events and unfinished recordings
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(12, 60))) {
			ArchiveRun.completes(simulator, "2026-11-20");
		}

		// when: the reader's choice, planned with the parameters it binds, scans ruled out
		String plan;
		try (Connection connection = TestDatabase.get().connect();
				Statement settings = connection.createStatement();
				PreparedStatement explain = connection.prepareStatement("EXPLAIN " + RecordingReader.DUE)) {
			settings.execute("SET enable_seqscan = off");
			RecordingReader.bindDue(explain);
			StringBuilder lines = new StringBuilder();
			try (ResultSet result = explain.executeQuery()) {
				while (result.next()) {
					lines.append(result.getString(1)).append('\n');
				}
			}
			plan = lines.toString();
		}

		// then: the events are read through the index of recording events, whose codes match the job's,
		// and the unfinished recordings through theirs (probed alone or as a bitmap, as the statistics say)
		assertThat(plan).contains("using channel_event_recording on channel_event")
			.containsPattern("(Index Scan using|Bitmap Index Scan on) recording_unfinished")
			.doesNotContain("channel_event_pkey")
			.doesNotContain("Seq Scan");
	}

	private static long channelsWithStatus(SimulatedDataset dataset, Instant at, String status) {
		return dataset.channels().stream()
			.filter((c) -> dataset.recordingsAt(c, at.toEpochMilli()).stream()
				.anyMatch((r) -> r.statusAt(at.toEpochMilli()).equals(status)))
			.count();
	}

	private static boolean recording(SimulatedDataset dataset, SimulatedChannel channel, Instant at) {
		return dataset.recordingsAt(channel, at.toEpochMilli()).stream()
			.anyMatch((r) -> "RECORDING".equals(r.statusAt(at.toEpochMilli())));
	}

	private static boolean onairEventBetween(SimulatedDataset dataset, SimulatedChannel channel, Instant after,
			Instant through) {
		for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
			SimulatedEvent event = it.next();
			if (event.eventCode().startsWith("ONAIR_") && event.timestamp() > after.toEpochMilli()
					&& event.timestamp() <= through.toEpochMilli()) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, String> statuses(SimulatedDataset dataset, Instant at) {
		return dataset.channels().stream()
			.flatMap((SimulatedChannel c) -> dataset.recordingsAt(c, at.toEpochMilli()).stream())
			.collect(Collectors.toMap((r) -> r.channelId() + "/" + r.recordId(), (r) -> r.statusAt(at.toEpochMilli())));
	}

	private static long recordingsOf(SimulatedDataset dataset, String channelId, Instant at) {
		return dataset.channels().stream()
			.filter((c) -> c.channelId().equals(channelId))
			.mapToLong((c) -> dataset.recordingsAt(c, at.toEpochMilli()).size())
			.sum();
	}

	// every recording's status, length and upload as the API shows them at {@code at}
	private static Map<String, String> expected(SimulatedDataset dataset, Instant at) {
		long now = at.toEpochMilli();
		return dataset.channels().stream()
			.flatMap((SimulatedChannel c) -> dataset.recordingsAt(c, now).stream())
			.collect(Collectors.toMap((r) -> r.channelId() + "/" + r.recordId(), (r) -> r.statusAt(now) + " "
					+ r.durationSeconds(now) + " " + ("-".equals(r.objectStorageUrlAt(now)) ? "null" : r.objectStorageUrlAt(now))));
	}

	private static Map<String, String> archived() {
		return rows("SELECT channel_id || '/' || record_id AS k, status || ' ' || duration_seconds || ' '"
				+ " || coalesce(object_storage_url, 'null') AS v FROM livestation.recording").stream()
			.collect(Collectors.toMap((r) -> (String) r.get("k"), (r) -> (String) r.get("v")));
	}

	private static Map<String, String> archivedStatuses() {
		return rows("SELECT channel_id || '/' || record_id AS k, status FROM livestation.recording").stream()
			.collect(Collectors.toMap((r) -> (String) r.get("k"), (r) -> (String) r.get("status")));
	}

}
