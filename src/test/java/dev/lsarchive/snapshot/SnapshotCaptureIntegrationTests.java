package dev.lsarchive.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.RequestHold;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedSnapshot;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot capture job against the simulator's clock: every snapshot caught within its hour. */
@ExtendWith(OutputCaptureExtension.class)
class SnapshotCaptureIntegrationTests {

	private static final Duration EVERY = Duration.ofMinutes(15);

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void aCaptureEveryFifteenMinutesCatchesEverySnapshotTheAccountTakes() {
		// given: three simulated hours of an account whose publishing channels take a snapshot every 40 minutes
		SimulatorProperties data = SimulatorProperties.of(30, 1).toBuilder().snapshotShare(1).build();
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			Instant start = Simulators.NIGHT;
			Instant end = start.plus(Duration.ofHours(3));
			SimulatedDataset dataset = simulator.dataset();
			Set<String> expected = new HashSet<>();
			for (SimulatedChannel channel : dataset.channels()) {
				for (SimulatedSnapshot taken : dataset.snapshotsTaken(channel, start.toEpochMilli(), end.toEpochMilli())) {
					expected.add(channel.channelId() + "/" + taken.snapshotId());
				}
			}

			// when: a capture every 15 simulated minutes, each for its own slot
			int captures = 0;
			for (Instant slot = start; !slot.isAfter(end); slot = slot.plus(EVERY)) {
				simulator.setTime(slot);
				assertThat(capture(simulator, slot)).isZero();
				captures++;
			}
			int sameSlotAgain = capture(simulator, end);

			// then
			assertThat(expected).hasSizeGreaterThan(20);
			Set<String> captured = new HashSet<>(rows("SELECT channel_id || '/' || snapshot_id AS k FROM livestation.snapshot"
					+ " WHERE info_captured AND snapshot_url IS NOT NULL AND created_at IS NOT NULL").stream()
				.map((r) -> (String) r.get("k")).toList());
			assertThat(captured).containsAll(expected);
			assertThat(count("SELECT count(*) FROM livestation.quarantine")).isZero();
			long oldOnes = dataset.channels().stream().filter((c) -> c.snapshotId() != null && !c.takesSnapshots()).count();
			assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE NOT info_captured"))
				.as("the one old, expired snapshot of every channel that is not publishing").isEqualTo(oldOnes).isPositive();
			List<Map<String, Object>> ledger = rows("SELECT job_name, status, capture_slot, snapshots_read,"
					+ " snapshots_expired FROM livestation.archive_run ORDER BY job_execution_id");
			assertThat(ledger).hasSize(captures).allSatisfy((run) -> {
				assertThat(run).containsEntry("job_name", ArchiveProperties.Job.SNAPSHOT_CAPTURE.jobName()).containsEntry("status", "COMPLETED");
				assertThat(run.get("capture_slot")).isNotNull();
			});
			assertThat(ledger.get(0).get("snapshots_expired")).isEqualTo(oldOnes);
			assertThat(ledger.subList(1, ledger.size())).extracting((r) -> r.get("snapshots_expired"))
				.as("an expired snapshot is not asked for again").containsOnly(0L);
			assertThat(sameSlotAgain).as("a slot done is not run again").isZero();
			assertThat(count("SELECT count(DISTINCT capture_slot) FROM livestation.archive_run")).isEqualTo(captures);
		}
	}

	@Test
	void aCapturesLogSummaryAndLedgerCountItsListingAlikeAndADoneSlotNamesTheNext(CapturedOutput output) {
		// given: an account whose channels all carry a snapshot, captured in one slot
		SimulatorProperties data = SimulatorProperties.of(12, 1).toBuilder().snapshotShare(1).build();
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			Instant slot = Simulators.NIGHT;
			assertThat(capture(simulator, slot)).isZero();
			Instant next = slot.plus(EVERY);
			simulator.setTime(next);

			// when: the next slot, which finds those snapshots archived already, then that slot again
			int before = output.getAll().length();
			assertThat(capture(simulator, next)).isZero();
			String captured = output.getAll().substring(before);
			before = output.getAll().length();
			assertThat(capture(simulator, next)).isZero();
			String again = output.getAll().substring(before);

			// then: one number for each quantity, wherever it is printed
			Matcher listing = Pattern.compile("Snapshot capture: (\\d+) channels listed, carrying (\\d+) snapshots:"
					+ " (\\d+) archived already, (\\d+) to read").matcher(captured);
			assertThat(listing.find()).as(captured).isTrue();
			long channels = Long.parseLong(listing.group(1));
			long archivedAlready = Long.parseLong(listing.group(3));
			assertThat(channels).isEqualTo(Simulators.Expected.of(simulator.dataset()).channels());
			assertThat(archivedAlready).isPositive();
			assertThat(captured).contains("listing: " + channels + " channels (")
				.contains("unchanged " + archivedAlready + ",")
				.contains(archivedAlready + " listed snapshots archived already");
			Map<String, Object> run = rows("SELECT channels_listed, snapshots_unchanged, items_already_archived"
					+ " FROM livestation.archive_run ORDER BY job_execution_id DESC LIMIT 1").get(0);
			assertThat(run).containsEntry("channels_listed", channels)
				.containsEntry("snapshots_unchanged", archivedAlready)
				.containsEntry("items_already_archived", archivedAlready);
			assertThat(again).contains("Snapshot capture " + next + " is done already")
				.contains("the next slot begins at " + next.plus(EVERY))
				.doesNotContain("--archive.rerun");
			assertThat(captured + again).doesNotContainPattern("\\w+\\[\\w+=");
		}
	}

	@Test
	void aSecondCaptureIsRefusedWhileOneRuns() throws Exception {
		// given: a capture held on its first listing request
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(5, 1));
				RequestHold held = simulator.hold("/api/v2/channels", 1)) {
			Instant slot = Simulators.NIGHT;
			CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> capture(simulator, slot));
			assertThat(held.awaitArrival(Duration.ofSeconds(60))).isTrue();

			// when
			int second = capture(simulator, slot.plus(EVERY));
			held.close();

			// then
			assertThat(second).isEqualTo(3);
			assertThat(first.get()).isZero();
			assertThat(count("SELECT count(*) FROM livestation.archive_run WHERE job_name = ?",
					ArchiveProperties.Job.SNAPSHOT_CAPTURE.jobName()))
				.isOne();
		}
	}

	private static int capture(LiveStationSimulator simulator, Instant slot) {
		return ArchiveRun.run(simulator, "2026-11-20", "--archive.job=snapshot-capture", "--archive.capture-slot=" + slot,
				"--logging.level.dev.lsarchive=INFO");
	}

}
