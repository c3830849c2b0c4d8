package dev.lsarchive.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators.Expected;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.contentChecksum;
import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The archive job end to end: the application as launched by main, the simulator over HTTP, real PostgreSQL. */
class ArchiveJobIntegrationTests {

	private static final String RUN_DATE = "2026-11-20";

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void fullRunArchivesExactlyWhatTheApiServes() {
		// given
		SimulatorProperties data = SimulatorProperties.of(21, 150);
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			Expected expected = Expected.of(simulator.dataset());

			// when
			int exitCode = ArchiveRun.run(simulator, RUN_DATE);

			// then
			assertThat(exitCode).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel")).isEqualTo(expected.channels());
			assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(expected.events());
			assertThat(count("SELECT count(*) FROM livestation.snapshot")).isEqualTo(expected.snapshots());
			assertThat(count("SELECT count(*) FROM livestation.channel_status_history WHERE valid_to IS NULL"))
				.isEqualTo(expected.channels());
			long publishing = simulator.dataset().channels().stream().filter((c) -> c.status().equals("PUBLISHING")).count();
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_status = 'PUBLISHING'"))
				.isEqualTo(publishing);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_code <> upper(event_code)"))
				.isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE channel_source = 'request'"))
				.isPositive();
			for (String kind : SimulatedDataset.KINDS) {
				assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_type = '" + kind + "'"))
					.as(kind).isEqualTo(simulator.dataset().channels(kind).size()).isPositive();
				assertThat(count("SELECT count(DISTINCT e.channel_id) FROM livestation.channel_event e"
						+ " JOIN livestation.channel c USING (channel_id) WHERE c.channel_type = '" + kind + "'"))
					.as("channels of kind %s with events", kind).isEqualTo(simulator.dataset().channels(kind).size());
			}
			assertThat(count("SELECT count(*) FROM livestation.restream_target WHERE removed_at IS NULL"))
				.isEqualTo(simulator.dataset().channels().stream().mapToLong((c) -> c.targets().size()).sum());
			assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE info_captured"))
				.isEqualTo(expected.readableSnapshots()).isPositive();
			assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE NOT info_captured AND snapshot_url IS NULL"))
				.isEqualTo(expected.snapshots() - expected.readableSnapshots()).isPositive();
			Map<String, Object> run = rows("SELECT * FROM livestation.archive_run").get(0);
			assertThat(run).containsEntry("status", "COMPLETED")
				.containsEntry("events_written", expected.events())
				.containsEntry("snapshots_expired", expected.snapshots() - expected.readableSnapshots())
				.containsEntry("items_quarantined", 0L);
			assertThat((long) run.get("items_read")).isEqualTo((long) run.get("items_written")
					+ (long) run.get("items_already_archived") + (long) run.get("items_quarantined"));
		}
	}

	@Test
	void analystCountsPublishStartsPerChannelPerDayWithOneQuery() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 120))) {
			long publishStarts = simulator.dataset().channels().stream()
				.mapToLong((c) -> countCode(simulator, c, "PUBLISH_START"))
				.sum();

			// when
			ArchiveRun.completes(simulator, RUN_DATE);

			// then
			long perDaySum = count("""
					SELECT coalesce(sum(n), 0) FROM (
					  SELECT channel_id, (occurred_at AT TIME ZONE 'Asia/Seoul')::date AS day, count(*) AS n
					  FROM livestation.channel_event WHERE event_code = 'PUBLISH_START' GROUP BY 1, 2) per_day
					""");
			assertThat(perDaySum).isEqualTo(publishStarts).isPositive();
		}
	}

	@Test
	void archivingAgainAddsNothingAndRewritesNothing() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(8, 100))) {
			ArchiveRun.completes(simulator, RUN_DATE);
			String before = contentChecksum();
			List<Map<String, Object>> rowVersions = rows(
					"SELECT channel_id, xmin::text AS version FROM livestation.channel ORDER BY channel_id");

			// when: the same run date forced again, then the next night over the same API data
			int rerun = ArchiveRun.run(simulator, RUN_DATE, "--archive.rerun=true");
			int nextNight = ArchiveRun.run(simulator, "2026-11-21");
			int sameAgain = ArchiveRun.run(simulator, "2026-11-21");

			// then
			assertThat(List.of(rerun, nextNight, sameAgain)).containsOnly(ExitCodes.COMPLETED);
			assertThat(contentChecksum()).isEqualTo(before);
			assertThat(rows("SELECT channel_id, xmin::text AS version FROM livestation.channel ORDER BY channel_id"))
				.as("unchanged channels are not rewritten").isEqualTo(rowVersions);
			assertThat(rows("SELECT items_written, items_already_archived FROM livestation.archive_run ORDER BY job_execution_id"))
				.extracting((r) -> r.get("items_written"))
				.containsExactly(count("SELECT items_read FROM livestation.archive_run ORDER BY job_execution_id LIMIT 1"),
						0L, 0L);
			assertThat(count("SELECT count(*) FROM livestation.archive_run")).as("an already complete date is not run again")
				.isEqualTo(3);
		}
	}

	@Test
	void badRecordsAreQuarantinedWithAReasonAndTheLedgerReconciles() {
		// given
		SimulatorProperties data = SimulatorProperties.of(6, 200).withOddities(0.05, 0.02);
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			Expected expected = Expected.of(simulator.dataset());
			assertThat(expected.badEvents()).isPositive();

			// when
			int exitCode = ArchiveRun.run(simulator, RUN_DATE);

			// then
			assertThat(exitCode).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(expected.events());
			assertThat(count("SELECT count(*) FROM livestation.quarantine WHERE resource = 'event'"))
				.isEqualTo(expected.badEvents());
			assertThat(count("SELECT count(*) FROM livestation.quarantine WHERE reason = '' OR payload = ''")).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE timestamp_scaled"))
				.isEqualTo(expected.scaledEvents());
			Map<String, Object> run = rows("SELECT * FROM livestation.archive_run").get(0);
			assertThat(run).containsEntry("items_quarantined", expected.badEvents())
				.containsEntry("scaled_timestamps", expected.scaledEvents());
			assertThat((long) run.get("items_read")).isEqualTo((long) run.get("items_written")
					+ (long) run.get("items_already_archived") + (long) run.get("items_quarantined"));
		}
	}

	@Test
	void tooManyQuarantinedRecordsFailTheRunSayingWhy() {
		// given
		SimulatorProperties data = SimulatorProperties.of(4, 100).withOddities(0, 0.05);
		try (LiveStationSimulator simulator = Simulators.start(data)) {

			// when
			int exitCode = ArchiveRun.run(simulator, RUN_DATE, "--archive.max-quarantine-ratio=0.001");

			// then
			assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
			Map<String, Object> run = rows("SELECT * FROM livestation.archive_run").get(0);
			assertThat(run).containsEntry("status", "FAILED");
			assertThat((String) run.get("exit_message")).contains("archive.max-quarantine-ratio=0.001");
			// the reporting layer, refreshed beside the recordings before the gate, shows what the run archived
			assertThat(rows("SELECT status FROM batch.batch_step_execution WHERE step_name = 'reportingRefresh'"))
				.singleElement()
				.isEqualTo(Map.of("status", "COMPLETED"));
			assertThat(rows("SELECT (SELECT sum(events) FROM reporting.daily_channel_events)"
					+ " = (SELECT count(*) FROM livestation.channel_event) AS counted"))
				.singleElement()
				.isEqualTo(Map.of("counted", true));
		}
	}

	@Test
	void aListThatDriftsWhilePagedIsReadAgainUntilItIsComplete() {
		// given: two channels are created while the archive pages through the list
		SimulatorProperties data = SimulatorProperties.of(23, 10)
			.withFaults(SimulatorProperties.Faults.NONE.withDriftInserts(2), Duration.ZERO);
		try (LiveStationSimulator simulator = Simulators.start(data)) {

			// when
			int exitCode = ArchiveRun.run(simulator, RUN_DATE, "--archive.page-size=5");

			// then
			assertThat(exitCode).isZero();
			assertThat(simulator.dataset().channels()).hasSize(25);
			assertThat(count("SELECT count(*) FROM livestation.channel")).isEqualTo(25);
			assertThat(count("SELECT count(*) FROM livestation.listed_channel")).isEqualTo(25);
			Map<String, Object> run = rows("SELECT * FROM livestation.archive_run").get(0);
			assertThat((long) run.get("listing_rereads")).isPositive();
			assertThat(run).containsEntry("listing_drift", 0L).containsEntry("channels_listed", 25L);
		}
	}

	@Test
	void aFailedRunResumesWhereItStoppedAndEndsIdenticalToAnUninterruptedOne() {
		// given: a reference archive from an uninterrupted run
		SimulatorProperties data = SimulatorProperties.of(10, 300);
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			ArchiveRun.completes(simulator, RUN_DATE, "--archive.event-chunk-size=50");
		}
		String uninterrupted = contentChecksum();
		long events = count("SELECT count(*) FROM livestation.channel_event");
		TestDatabase.get().reset();

		// when: one channel's events fail for good mid-step, then the fault is gone
		String failing;
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			failing = simulator.dataset().channels().get(3).channelId();
		}
		SimulatorProperties broken = data.withFaults(
				SimulatorProperties.Faults.failingChannels(failing),
				Duration.ZERO);
		int firstExit;
		try (LiveStationSimulator simulator = Simulators.start(broken)) {
			firstExit = ArchiveRun.run(simulator, RUN_DATE, "--archive.event-chunk-size=50",
					"--livestation.api.max-attempts=2");
		}
		long committedBeforeRestart = count("SELECT count(*) FROM livestation.channel_event");
		String failure = (String) rows("SELECT exit_message FROM livestation.archive_run").get(0).get("exit_message");
		int secondExit;
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			secondExit = ArchiveRun.run(simulator, RUN_DATE, "--archive.event-chunk-size=50");
		}

		// then
		// an API error the client gave up retrying: a relaunch a little later is expected to fix it
		assertThat(firstExit).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
		assertThat(committedBeforeRestart).isPositive().isLessThan(events);
		assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE channel_id = '" + failing + "'"))
			.isEqualTo(300);
		assertThat(secondExit).isZero();
		assertThat(contentChecksum()).isEqualTo(uninterrupted);
		assertThat(rows("SELECT status FROM livestation.archive_run ORDER BY job_execution_id"))
			.extracting((r) -> r.get("status"))
			.containsExactly("FAILED", "COMPLETED");
		Map<String, Object> last = rows("SELECT * FROM livestation.archive_run ORDER BY job_execution_id DESC").get(0);
		assertThat(last).containsEntry("events_read", events).containsEntry("events_written", events);
		assertThat(failure).isNotNull();
	}

	@Test
	void aWrongSecretKeyStopsTheRunWithoutWritingAnything() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 10))) {

			// when
			int exitCode = ArchiveRun.runWithKeys(simulator, simulator.accessKey(), "not-the-secret", RUN_DATE);

			// then
			assertThat(exitCode).as("a setting to fix, not a run to relaunch").isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(simulator.authFailures()).isEqualTo(1);
			assertThat(count("SELECT count(*) FROM livestation.channel")).isZero();
			assertThat((String) rows("SELECT exit_message FROM livestation.archive_run").get(0).get("exit_message"))
				.contains("livestation.api.secret-key")
				.doesNotContain("not-the-secret");
		}
	}

	@Test
	void aSecondLaunchForARunDateStillRunningRefusesAndWritesNothing() throws Exception {
		// given: the run date's lock is held, as by a live run in another process
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 10));
				Connection otherProcess = TestDatabase.get().connect();
				PreparedStatement lock = otherProcess.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
			lock.setInt(1, 0x4C534152);
			lock.setInt(2, (int) LocalDate.parse(RUN_DATE).toEpochDay());
			lock.execute();

			// when
			int exitCode = ArchiveRun.run(simulator, RUN_DATE);

			// then
			assertThat(exitCode).isEqualTo(ExitCodes.ALREADY_RUNNING);
			assertThat(simulator.requests()).isZero();
			assertThat(count("SELECT count(*) FROM livestation.archive_run")).isZero();
			assertThat(count("SELECT count(*) FROM batch.batch_job_execution")).isZero();
		}
	}

	@Test
	void aRunWhoseProcessDiedIsRecoveredAndResumedUnattended() throws Exception {
		// given: a run that failed mid-events, then left as a killed process leaves it (STARTED, no end)
		SimulatorProperties data = SimulatorProperties.of(6, 100);
		String failing;
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			failing = simulator.dataset().channels().get(1).channelId();
		}
		try (LiveStationSimulator simulator = Simulators.start(data.withFaults(
				SimulatorProperties.Faults.failingChannels(failing),
				Duration.ZERO))) {
			ArchiveRun.exits(ExitCodes.TRANSIENT_FAILURE, simulator, RUN_DATE, "--livestation.api.max-attempts=1");
		}
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("UPDATE batch.batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL");
			statement.execute("UPDATE batch.batch_step_execution SET status = 'STARTED', end_time = NULL WHERE status = 'FAILED'");
			statement.execute("UPDATE livestation.archive_run SET status = 'STARTED', finished_at = NULL");
		}

		// when
		int exitCode;
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			exitCode = ArchiveRun.run(simulator, RUN_DATE);
		}

		// then
		assertThat(exitCode).isZero();
		assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(600);
		assertThat(rows("SELECT status, exit_message FROM livestation.archive_run ORDER BY job_execution_id"))
			.extracting((r) -> r.get("status"))
			.containsExactly("FAILED", "COMPLETED");
		assertThat((String) rows("SELECT exit_message FROM livestation.archive_run ORDER BY job_execution_id").get(0)
			.get("exit_message")).contains("died");
	}

	private static long countCode(LiveStationSimulator simulator, SimulatedChannel channel, String code) {
		long n = 0;
		for (var it = simulator.dataset().events(channel); it.hasNext();) {
			if (it.next().eventCode().equals(code)) {
				n++;
			}
		}
		return n;
	}

}
