package dev.lsarchive.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
			assertThat(ArchiveRun.run(simulator, "2026-11-20")).isZero();
			Map<String, String> archivedFirst = archivedStatuses();
			simulator.advance(Duration.ofHours(1));
			Map<String, String> after = statuses(dataset, simulator.now());
			assertThat(ArchiveRun.run(simulator, "2026-11-21")).isZero();
			Map<String, String> archivedSecond = archivedStatuses();
			assertThat(ArchiveRun.run(simulator, "2026-11-22")).isZero();

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
						+ " FROM livestation.channel_event WHERE event_code IN ('ONAIR_START', 'ONAIR_END')"))
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

	private static Map<String, String> archivedStatuses() {
		return rows("SELECT channel_id || '/' || record_id AS k, status FROM livestation.recording").stream()
			.collect(Collectors.toMap((r) -> (String) r.get("k"), (r) -> (String) r.get("status")));
	}

}
