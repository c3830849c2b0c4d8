package dev.lsarchive.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The nightly snapshots step: the info of listed snapshots the archive does not hold yet, and only that. */
class NightlySnapshotsIntegrationTests {

	// every channel carries a snapshot; the publishing ones take a new one every 40 minutes
	private static final SimulatorProperties DATA = SimulatorProperties.of(16, 1).toBuilder().snapshotShare(1).build();

	private static final byte[] REFUSED = "{\"errorCode\":\"10001\",\"message\":\"refused\"}"
		.getBytes(StandardCharsets.UTF_8);

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void aSnapshotArchivedAlreadyIsNotAskedAgainAndCountsAsReadAndUnchanged() {
		// given: a night archived (snapshots captured within their hour, or found expired), then every
		// archived snapshot's info refused by the API (a request not retried), and new snapshots taken since
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			ArchiveRun.completes(simulator, "2026-11-20");
			List<Map<String, Object>> archived = rows("SELECT channel_id, snapshot_id, info_captured, payload::text AS p"
					+ " FROM livestation.snapshot ORDER BY channel_id");
			assertThat(archived).hasSizeGreaterThan(8);
			assertThat(archived).extracting((r) -> r.get("info_captured")).contains(true, false);
			for (Map<String, Object> snapshot : archived) {
				simulator.script(path(snapshot), 400, "application/json", REFUSED);
			}
			simulator.advance(Duration.ofMinutes(45));

			// when: the run date again, and the next night
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.rerun=true");
			ArchiveRun.completes(simulator, "2026-11-21");

			// then: neither asked for a snapshot archived already, which stays as it was; the re-run asked for
			// the snapshots taken since and captured them; every listed snapshot is read, the archived ones
			// unchanged
			assertThat(rows("SELECT channel_id, snapshot_id, info_captured, payload::text AS p FROM livestation.snapshot"
					+ " ORDER BY channel_id")).containsAll(archived);
			long listed = count("SELECT count(*) FROM livestation.listed_channel WHERE run_date = '2026-11-21'"
					+ " AND snapshot_id IS NOT NULL");
			long taken = count("SELECT count(*) FROM livestation.snapshot WHERE info_captured"
					+ " AND first_archived_at > (SELECT min(finished_at) FROM livestation.archive_run)");
			assertThat(taken).as("snapshots taken since the first night").isPositive();
			List<Map<String, Object>> ledger = rows("SELECT snapshots_read, snapshots_written, snapshots_unchanged,"
					+ " (counts->>'snapshots.read_unchanged')::bigint AS passed_over, snapshots_expired"
					+ " FROM livestation.archive_run ORDER BY job_execution_id");
			assertThat(ledger).hasSize(3);
			assertThat(ledger.get(1)).containsEntry("snapshots_written", taken)
				.containsEntry("passed_over", listed - taken)
				.containsEntry("snapshots_unchanged", listed - taken)
				.containsEntry("snapshots_read", listed);
			assertThat(ledger.get(2)).containsEntry("snapshots_read", listed)
				.containsEntry("snapshots_unchanged", listed)
				.containsEntry("passed_over", listed)
				.containsEntry("snapshots_written", 0L)
				.containsEntry("snapshots_expired", 0L);
		}
	}

	@Test
	void aStepThatFailsMidwayResumesAfterWhatItCommittedCountingEachSnapshotOnce() {
		// given: a night archived, then half of its snapshots forgotten by the archive, and the API refusing
		// the third of those (a request not retried)
		List<Map<String, Object>> forgotten;
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			ArchiveRun.completes(simulator, "2026-11-20");
			long all = count("SELECT count(*) FROM livestation.snapshot");
			forgotten = new ArrayList<>(rows("DELETE FROM livestation.snapshot WHERE channel_id IN (SELECT channel_id"
					+ " FROM livestation.snapshot ORDER BY md5(channel_id) LIMIT ?) RETURNING channel_id, snapshot_id",
					all / 2));
			forgotten.sort((a, b) -> ((String) a.get("channel_id")).compareTo((String) b.get("channel_id")));
			assertThat(forgotten).hasSizeGreaterThan(4);
			simulator.script(path(forgotten.get(2)), 400, "application/json", REFUSED);

			// when: the next night fails at that snapshot, one snapshot a transaction
			ArchiveRun.exits(ExitCodes.FAILED, simulator, "2026-11-21", "--archive.snapshot-chunk-size=1");
		}
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// and is launched again against the same account
			ArchiveRun.completes(simulator, "2026-11-21", "--archive.snapshot-chunk-size=1");

			// then: every listed snapshot is archived and counted once: the forgotten ones read again, the
			// others read and unchanged
			long listed = count("SELECT count(*) FROM livestation.listed_channel WHERE run_date = '2026-11-21'"
					+ " AND snapshot_id IS NOT NULL");
			assertThat(count("SELECT count(*) FROM livestation.snapshot")).isEqualTo(listed);
			Map<String, Object> run = rows("SELECT status, snapshots_read, snapshots_written, snapshots_unchanged,"
					+ " (counts->>'snapshots.read_unchanged')::bigint AS passed_over FROM livestation.archive_run"
					+ " ORDER BY job_execution_id DESC LIMIT 1").get(0);
			assertThat(run).containsEntry("status", "COMPLETED")
				.containsEntry("snapshots_read", listed)
				.containsEntry("snapshots_written", (long) forgotten.size())
				.containsEntry("passed_over", listed - forgotten.size())
				.containsEntry("snapshots_unchanged", listed - forgotten.size());
		}
	}

	private static String path(Map<String, Object> snapshot) {
		return "/api/v2/channels/" + snapshot.get("channel_id") + "/snapshot/" + snapshot.get("snapshot_id");
	}

}
