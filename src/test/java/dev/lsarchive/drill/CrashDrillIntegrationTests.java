package dev.lsarchive.drill;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.job.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.contentChecksum;
import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash consistency: the job process killed (SIGKILL) at many points of a run, its database
 * connections cut, or asked to stop (SIGTERM), then launched again until it completes. The
 * archive must end identical, row for row, to that of one uninterrupted run.
 */
class CrashDrillIntegrationTests {

	// 40 channels x 1,500 events, 20 ms per API answer: long enough to be interrupted anywhere
	private static final SimulatorProperties DATA = SimulatorProperties.of(40, 1500)
		.withFaults(SimulatorProperties.Faults.NONE, Duration.ofMillis(20));

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void killedAtFourteenPointsOfEveryStepTheArchiveEndsIdenticalToAnUninterruptedRun() throws Exception {
		// given: the archive of an uninterrupted run
		String reference = uninterruptedArchive();

		// when: SIGKILL at fourteen moments spread over every step, a launch each time
		List<String> killedAt = new ArrayList<>();
		Set<Long> killedMidRun = new HashSet<>();
		int exitCode = -1;
		try (LiveStationSimulator simulator = Simulators.start(DATA); JarRuns runs = new JarRuns()) {
			Map<String, Function<Long, BooleanSupplier>> moments = new LinkedHashMap<>();
			moments.put("channels step", (baseline) -> () -> runs.stepRunning("channels"));
			moments.put("inside a chunk's COPY (1)", (baseline) -> () -> runs.statementRunning("COPY livestation.channel_event"));
			moments.put("events step, 2,000 events in", (baseline) -> runs.eventsBeyond(baseline, 2_000));
			moments.put("inside a chunk's COPY (2)", (baseline) -> () -> runs.statementRunning("COPY livestation.channel_event"));
			moments.put("events step, 6,000 events in", (baseline) -> runs.eventsBeyond(baseline, 6_000));
			moments.put("inside a chunk's COPY (3)", (baseline) -> () -> runs.statementRunning("COPY livestation.channel_event"));
			moments.put("events step, 10,000 events in", (baseline) -> runs.eventsBeyond(baseline, 10_000));
			moments.put("inside a chunk's COPY (4)", (baseline) -> () -> runs.statementRunning("COPY livestation.channel_event"));
			moments.put("events step, 1,000 events in", (baseline) -> runs.eventsBeyond(baseline, 1_000));
			moments.put("inside a chunk's COPY (5)", (baseline) -> () -> runs.statementRunning("COPY livestation.channel_event"));
			moments.put("events step, 4,000 events in", (baseline) -> runs.eventsBeyond(baseline, 4_000));
			moments.put("snapshots step (1)", (baseline) -> () -> runs.stepRunning("snapshots"));
			moments.put("snapshots step (2)", (baseline) -> () -> runs.stepRunning("snapshots"));
			moments.put("reporting refresh step", (baseline) -> () -> runs.stepRunning("reportingRefresh"));
			for (Map.Entry<String, Function<Long, BooleanSupplier>> moment : moments.entrySet()) {
				JarRuns.Launch launch = runs.start(simulator);
				boolean killed = runs.awaitMoment(launch, moment.getValue().apply(runs.events()));
				if (killed) {
					launch.process().destroyForcibly();
					killedAt.add(moment.getKey());
				}
				exitCode = launch.waitForExit();
				// a kill can also land after the run recorded its end, or (when a moment is read from a step
				// the previous kill left marked running) before the new process got going: count the runs
				if (killed) {
					rows("SELECT job_execution_id FROM livestation.archive_run WHERE status = 'STARTED'")
						.forEach((run) -> killedMidRun.add((Long) run.get("job_execution_id")));
				}
			}
			for (int attempt = 0; attempt < 3 && exitCode != 0; attempt++) {
				exitCode = runs.start(simulator).waitForExit();
			}
		}

		// then
		assertThat(killedAt).as("kills that landed").hasSizeGreaterThanOrEqualTo(10);
		assertThat(exitCode).isZero();
		assertIdenticalTo(reference);
		assertThat(killedMidRun).as("runs killed in progress").hasSizeGreaterThanOrEqualTo(10);
		assertThat(count("SELECT count(*) FROM livestation.archive_run WHERE exit_message LIKE '%died%'"))
			.as("killed runs recovered").isEqualTo(killedMidRun.size());
		assertThat(count("SELECT count(*) FROM livestation.archive_run WHERE status <> 'COMPLETED'"
				+ " AND coalesce(exit_message, '') NOT LIKE '%died%'")).as("runs left neither complete nor recovered").isZero();
		assertThat(count("SELECT count(*) FROM batch.batch_job_execution WHERE status IN ('STARTED', 'STARTING', 'UNKNOWN')"))
			.isZero();
	}

	@Test
	void cutDatabaseConnectionsFailTheRunAndTheNextLaunchCompletesIt() throws Exception {
		// given
		String reference = uninterruptedArchive();
		int firstExit;
		int secondExit;
		int thirdExit;
		try (LiveStationSimulator simulator = Simulators.start(DATA); JarRuns runs = new JarRuns()) {

			// when: every database session of the job is cut in the middle of the events step, then again
			// as soon as the next launch's job is running (its bookkeeping writes fail too)
			JarRuns.Launch first = runs.start(simulator);
			assertThat(runs.awaitMoment(first, runs.eventsBeyond(0, 6_000))).isTrue();
			cutJobSessions();
			firstExit = first.waitForExit();
			JarRuns.Launch second = runs.start(simulator);
			assertThat(runs.awaitMoment(second, () -> runs.stepRunning(""))).isTrue();
			cutJobSessions();
			secondExit = second.waitForExit();
			thirdExit = runs.start(simulator).waitForExit();
		}

		// then
		assertThat(firstExit).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
		// the second cut can find every session idle in the pool, which then simply reconnects
		assertThat(secondExit).isIn(ExitCodes.TRANSIENT_FAILURE, 0);
		assertThat(thirdExit).isZero();
		assertIdenticalTo(reference);
	}

	private static void cutJobSessions() throws Exception {
		try (Connection admin = TestDatabase.get().connect(); Statement statement = admin.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE application_name = 'livestation-archive'");
		}
	}

	@Test
	void sigtermStopsAtAChunkBoundaryAndTheNextLaunchResumes() throws Exception {
		// given
		String reference = uninterruptedArchive();
		JarRuns.Launch stopped;
		int secondExit;
		try (LiveStationSimulator simulator = Simulators.start(DATA); JarRuns runs = new JarRuns()) {
			stopped = runs.start(simulator);

			// when
			assertThat(runs.awaitMoment(stopped, runs.eventsBeyond(0, 10_000))).isTrue();
			stopped.process().destroy();
			stopped.waitForExit();
			long committed = count("SELECT count(*) FROM livestation.channel_event");
			assertThat(rows("SELECT status FROM batch.batch_job_execution")).extracting((r) -> r.get("status"))
				.containsExactly("STOPPED");
			assertThat(rows("SELECT status FROM livestation.archive_run")).extracting((r) -> r.get("status"))
				.containsExactly("STOPPED");
			assertThat(committed).isLessThan(60_000);
			secondExit = runs.start(simulator).waitForExit();
		}

		// then
		assertThat(stopped.text()).contains("stopping run").contains("STOPPED");
		assertThat(secondExit).isZero();
		assertIdenticalTo(reference);
	}

	private static String uninterruptedArchive() {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			assertThat(ArchiveRun.run(simulator, JarRuns.RUN_DATE, "--archive.event-chunk-size=200",
					"--archive.page-size=10")).isZero();
		}
		String reference = contentChecksum();
		assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(60_000);
		TestDatabase.get().reset();
		return reference;
	}

	private static void assertIdenticalTo(String reference) {
		assertThat(contentChecksum()).isEqualTo(reference);
		assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(60_000);
		assertThat(count("SELECT count(DISTINCT event_key) FROM livestation.channel_event")).isEqualTo(60_000);
		assertThat(count("SELECT count(*) FROM livestation.listed_channel l JOIN livestation.channel c USING (channel_id)"
				+ " WHERE l.run_date = '" + JarRuns.RUN_DATE + "' AND l.snapshot_id IS NOT DISTINCT FROM c.snapshot_id"))
			.isEqualTo(40);
		Map<String, Object> last = rows("SELECT * FROM livestation.archive_run ORDER BY job_execution_id DESC").get(0);
		assertThat(last).containsEntry("status", "COMPLETED");
		assertThat((long) last.get("items_read")).isEqualTo((long) last.get("items_written")
				+ (long) last.get("items_already_archived") + (long) last.get("items_quarantined"));
		// a commit whose acknowledgement is lost with the connection is durable, yet the job counts it as
		// failed and reads that chunk again on the next launch, which then finds it already archived:
		// every event is accounted for exactly once, but not necessarily as written
		assertThat(last).containsEntry("events_read", 60_000L);
		assertThat((long) last.get("events_written") + (long) last.get("events_already_archived")).isEqualTo(60_000L);
	}

}
