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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ExitCodes;
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
 * archive must end identical, row for row, to that of one uninterrupted run of the same data.
 */
class CrashDrillIntegrationTests {

	private static final String CHANNEL_PAGES = "/api/v2/channels";

	private static final String SNAPSHOTS = "/api/v2/channels/";

	private static final String EVENT_LISTS = "/api/v2/events";

	private static final String EVENTS_TABLE = "livestation.channel_event";

	private static final String COPY = "%COPY livestation.channel_event%";

	private static final String RECORDINGS_TABLE = "livestation.recording";

	private static final String RECORDINGS_UPSERT = "%INSERT INTO livestation.recording AS r %";

	// 40 channels x 1,500 events, 20 ms per API answer: long enough to be interrupted anywhere
	private static final SimulatorProperties DATA = SimulatorProperties.of(40, 1500)
		.withFaults(SimulatorProperties.Faults.NONE, Duration.ofMillis(20));

	// one uninterrupted run serves every drill: the simulators of a test JVM serve identical data
	private static String reference;

	@BeforeAll
	static void uninterruptedRun() {
		TestDatabase.get().reset();
		reference = uninterruptedArchive();
	}

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	// one early moment of each step, each sure to come: a kill in every step on every build
	private static final Set<String> EVERY_STEP = Set.of("channels step, second page requested",
			"snapshots step, first snapshot requested", "inside a chunk's COPY (1st)", "events step, 2nd list requested",
			"inside a chunk's COPY (6th)", "inside a recordings chunk's upsert (2nd)",
			"reporting refresh step, setting the time zone");

	@Test
	void killedAtFifteenPointsOfEveryStepTheArchiveEndsIdenticalToAnUninterruptedRun() throws Exception {
		// given: an empty archive, and the uninterrupted run's as the reference

		// when: SIGKILL at fifteen moments spread over every step, a launch each time
		List<String> killedAt = new ArrayList<>();
		Set<Long> killedMidRun = new HashSet<>();
		int exitCode = -1;
		try (LiveStationSimulator simulator = Simulators.start(DATA); JarRuns runs = new JarRuns()) {
			Map<String, MomentFactory> moments = new LinkedHashMap<>();
			moments.put("channels step, second page requested", () -> JarRuns.request(simulator, CHANNEL_PAGES, 2));
			moments.put("snapshots step, first snapshot requested", () -> JarRuns.request(simulator, SNAPSHOTS, 1));
			moments.put("snapshots step, 4th snapshot requested", () -> JarRuns.request(simulator, SNAPSHOTS, 4));
			moments.put("inside a chunk's COPY (1st)", () -> runs.heldStatement(EVENTS_TABLE, "INSERT", COPY, 1));
			moments.put("events step, 3rd list requested", () -> JarRuns.request(simulator, EVENT_LISTS, 3));
			moments.put("inside a chunk's COPY (6th)", () -> runs.heldStatement(EVENTS_TABLE, "INSERT", COPY, 6));
			moments.put("events step, 6th list requested", () -> JarRuns.request(simulator, EVENT_LISTS, 6));
			moments.put("inside a chunk's COPY (12th)", () -> runs.heldStatement(EVENTS_TABLE, "INSERT", COPY, 12));
			moments.put("events step, 2nd list requested", () -> JarRuns.request(simulator, EVENT_LISTS, 2));
			moments.put("inside a chunk's COPY (20th)", () -> runs.heldStatement(EVENTS_TABLE, "INSERT", COPY, 20));
			moments.put("events step, 5th list requested", () -> JarRuns.request(simulator, EVENT_LISTS, 5));
			moments.put("inside a chunk's COPY (3rd)", () -> runs.heldStatement(EVENTS_TABLE, "INSERT", COPY, 3));
			moments.put("events step, 4th list requested", () -> JarRuns.request(simulator, EVENT_LISTS, 4));
			moments.put("inside a recordings chunk's upsert (2nd)",
					() -> runs.heldStatement(RECORDINGS_TABLE, "INSERT", RECORDINGS_UPSERT, 2));
			moments.put("reporting refresh step, setting the time zone",
					() -> runs.heldStatement("reporting.setting", "UPDATE", "%time_zone = %", 1));
			// by default a kill at a moment of every step; all fifteen with -Ddrill.kill-points=all (README, "Benchmark,
			// performance and reliability")
			if (!"all".equals(System.getProperty("drill.kill-points"))) {
				moments.keySet().retainAll(EVERY_STEP);
			}
			for (Map.Entry<String, MomentFactory> moment : moments.entrySet()) {
				JarRuns.Launch launch;
				boolean killed;
				try (JarRuns.Moment armed = moment.getValue().arm()) {
					launch = runs.start(simulator);
					killed = armed.awaitReached(launch);
					if (killed) {
						launch.process().destroyForcibly().waitFor();
						killedAt.add(moment.getKey());
					}
				}
				exitCode = launch.waitForExit();
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
		assertThat(killedAt).as("kills that landed")
			.hasSizeGreaterThanOrEqualTo("all".equals(System.getProperty("drill.kill-points")) ? 12 : EVERY_STEP.size());
		assertThat(exitCode).isZero();
		assertIdenticalTo(reference);
		assertThat(killedMidRun).as("runs killed in progress").hasSameSizeAs(killedAt);
		assertThat(count("SELECT count(*) FROM livestation.archive_run WHERE exit_message LIKE '%died%'"))
			.as("killed runs recovered").isEqualTo(killedMidRun.size());
		assertThat(count("SELECT count(*) FROM livestation.archive_run WHERE status <> 'COMPLETED'"
				+ " AND coalesce(exit_message, '') NOT LIKE '%died%'")).as("runs left neither complete nor recovered").isZero();
		assertThat(count("SELECT count(*) FROM batch.batch_job_execution WHERE status IN ('STARTED', 'STARTING', 'UNKNOWN')"))
			.isZero();
	}

	@Test
	void cutDatabaseConnectionsFailTheRunAndTheNextLaunchCompletesIt() throws Exception {
		// given: an empty archive, and the uninterrupted run's as the reference
		int firstExit;
		int secondExit;
		int thirdExit;
		try (LiveStationSimulator simulator = Simulators.start(DATA); JarRuns runs = new JarRuns()) {

			// when: every database session of the job is cut in the middle of the events step, then again
			// as soon as the next launch's job is running (its bookkeeping writes fail too)
			JarRuns.Launch first;
			try (JarRuns.Moment fifthList = JarRuns.request(simulator, EVENT_LISTS, 5)) {
				first = runs.start(simulator);
				assertThat(fifthList.awaitReached(first)).isTrue();
				cutJobSessions();
			}
			firstExit = first.waitForExit();
			JarRuns.Launch second;
			try (JarRuns.Moment firstList = JarRuns.request(simulator, EVENT_LISTS, 1)) {
				second = runs.start(simulator);
				assertThat(firstList.awaitReached(second)).isTrue();
				cutJobSessions();
			}
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

	/** Arms a moment before a launch. */
	@FunctionalInterface
	private interface MomentFactory {

		JarRuns.Moment arm() throws Exception;

	}

	private static void cutJobSessions() throws Exception {
		try (Connection admin = TestDatabase.get().connect(); Statement statement = admin.createStatement()) {
			// the drill's own database only: other tests and benchmarks may run beside it on the server
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE application_name = 'livestation-archive' AND datname = current_database()");
		}
	}

	@Test
	void sigtermStopsAtAChunkBoundaryAndTheNextLaunchResumes() throws Exception {
		// given: an empty archive, and the uninterrupted run's as the reference
		JarRuns.Launch stopped;
		int secondExit;
		try (LiveStationSimulator simulator = Simulators.start(DATA); JarRuns runs = new JarRuns()) {
			// when: SIGTERM while the 8th event list is requested
			try (JarRuns.Moment eighthList = JarRuns.request(simulator, EVENT_LISTS, 8)) {
				stopped = runs.start(simulator);
				assertThat(eighthList.awaitReached(stopped)).isTrue();
				stopped.process().destroy();
			}
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
			ArchiveRun.completes(simulator, JarRuns.RUN_DATE, "--archive.event-chunk-size=200",
					"--archive.page-size=10");
		}
		String reference = contentChecksum() + recordingsCounted();
		assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(60_000);
		TestDatabase.get().reset();
		return reference;
	}

	// what the run counted of recordings: a channel asked again after a restart would count twice
	private static String recordingsCounted() {
		return rows("SELECT recordings_read, recording_channels_asked FROM livestation.archive_run"
				+ " ORDER BY job_execution_id DESC LIMIT 1").get(0).toString();
	}

	private static void assertIdenticalTo(String reference) {
		assertThat(contentChecksum() + recordingsCounted()).isEqualTo(reference);
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
