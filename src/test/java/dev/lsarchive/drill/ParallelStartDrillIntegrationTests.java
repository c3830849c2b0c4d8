package dev.lsarchive.drill;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.CannotAcquireLockException;

import dev.lsarchive.ArchiveApplication;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Transactions of ours that run at the same time: the events and snapshots steps created side by
 * side in a job repository that PostgreSQL has analyzed, nights after nights, two launches of one
 * run date, and two run dates archived at once over the same channels.
 */
class ParallelStartDrillIntegrationTests {

	// makes the foreign-key checks of the job repository the sequential scans ANALYZE leads to on small tables
	private static final String SCANS_AS_ON_A_SMALL_ANALYZED_TABLE = "--spring.datasource.hikari.connection-init-sql="
			+ "SET enable_indexscan = off; SET enable_bitmapscan = off";

	private static final long GATE = 0x4741_5445L;

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@AfterEach
	void removeGate() throws SQLException {
		execute("DROP TRIGGER IF EXISTS drill_gate ON batch.batch_step_execution",
				"DROP FUNCTION IF EXISTS batch.drill_gate()");
	}

	@Test
	void stepsCreatedTogetherConflictUnderSerializableCreationAndNotUnderTheJobsSetting() throws Exception {
		// given: both step executions inserted and uncommitted before either checks its context's foreign key
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 5))) {
			ArchiveRun.completes(simulator, "2026-11-01");
		}
		analyzeJobRepository();
		execute("""
				CREATE FUNCTION batch.drill_gate() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF NEW.step_name LIKE 'gated-%' THEN PERFORM pg_advisory_xact_lock_shared(""" + GATE + """
				); END IF;
				  RETURN NEW;
				END $$""", "CREATE TRIGGER drill_gate AFTER INSERT ON batch.batch_step_execution"
				+ " FOR EACH ROW EXECUTE FUNCTION batch.drill_gate()");

		// when
		List<Throwable> frameworkDefault = createTwoStepsTogether("--spring.batch.jdbc.isolation-level-for-create=serializable");
		List<Throwable> asConfigured = createTwoStepsTogether();

		// then: the reproduction fails for certain, the job's own setting never
		assertThat(frameworkDefault).hasSize(1);
		assertThat(frameworkDefault.get(0)).isInstanceOf(CannotAcquireLockException.class)
			.hasMessageContaining("could not serialize access");
		assertThat(asConfigured).isEmpty();
	}

	@Test
	void nightAfterNightWithAnAnalyzedJobRepositoryEveryRunCompletes() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(4, 30))) {
			List<Integer> exitCodes = new ArrayList<>();

			// when: each night starts the events and snapshots steps together, the repository analyzed between nights
			for (LocalDate night = LocalDate.parse("2026-11-01"); night.isBefore(LocalDate.parse("2026-11-09")); night = night.plusDays(1)) {
				exitCodes.add(ArchiveRun.run(simulator, night.toString(), SCANS_AS_ON_A_SMALL_ANALYZED_TABLE));
				analyzeJobRepository();
			}

			// then
			assertThat(exitCodes).hasSize(8).containsOnly(ExitCodes.COMPLETED);
			assertThat(count("SELECT count(*) FROM livestation.archive_run WHERE status = 'COMPLETED'")).isEqualTo(8);
			assertThat(count("SELECT count(*) FROM batch.batch_step_execution WHERE status <> 'COMPLETED'")).isZero();
		}
	}

	@Test
	void aLaunchWhileTheSameRunDateRunsIsRefused() throws Exception {
		// given: a slow first launch, seen running
		ExecutorService other = Executors.newSingleThreadExecutor();
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(4, 30)
			.withFaults(SimulatorProperties.Faults.NONE, Duration.ofMillis(150)))) {
			Future<Integer> first = other.submit(() -> ArchiveRun.run(simulator, "2026-11-20"));
			awaitUntil(() -> count("SELECT count(*) FROM batch.batch_step_execution WHERE status = 'STARTED'") > 0,
					first);

			// when
			int second = ArchiveRun.run(simulator, "2026-11-20");

			// then
			assertThat(second).isEqualTo(ExitCodes.ALREADY_RUNNING);
			assertThat(first.get(3, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
			assertThat(count("SELECT count(*) FROM batch.batch_job_execution")).isEqualTo(1);
		}
		finally {
			other.shutdownNow();
		}
	}

	@Test
	void twoRunDatesArchivedAtOnceOverTheSameChannelsBothComplete() throws Exception {
		// given: a first night archived, so that both launches below write day counts and channel rows
		// that the other writes too
		SimulatorProperties data = SimulatorProperties.of(6, 120);
		ExecutorService launches = Executors.newFixedThreadPool(2);
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			ArchiveRun.completes(simulator, "2026-11-18");
			execute("TRUNCATE livestation.channel_event, reporting.daily_channel_events, livestation.event_list_fingerprint");

			// when
			Future<?> one = launches.submit(() -> ArchiveRun.completes(simulator, "2026-11-19", "--archive.event-chunk-size=40"));
			Future<?> two = launches.submit(() -> ArchiveRun.completes(simulator, "2026-11-20", "--archive.event-chunk-size=40"));

			// then: no deadlock, no serialization failure (a failed run says its ledger reason), and the archive
			// is what one run would leave
			one.get(3, TimeUnit.MINUTES);
			two.get(3, TimeUnit.MINUTES);
			Simulators.Expected expected = Simulators.Expected.of(simulator.dataset());
			assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(expected.events());
			assertThat(count("SELECT coalesce(sum(events), 0) FROM reporting.daily_channel_events"))
				.isEqualTo(expected.events());
			assertThat(rows("SELECT status FROM livestation.archive_run")).extracting((r) -> r.get("status"))
				.containsOnly("COMPLETED");
		}
		finally {
			launches.shutdownNow();
		}
	}

	// two threads create a step execution each, through the application's own job repository
	private static List<Throwable> createTwoStepsTogether(String... settings) throws Exception {
		List<String> args = new ArrayList<>(TestDatabase.get().applicationSettings());
		args.addAll(List.of("--archive.run-on-startup=false", "--livestation.api.access-key=drill",
				"--livestation.api.secret-key=drill", SCANS_AS_ON_A_SMALL_ANALYZED_TABLE));
		args.addAll(List.of(settings));
		ExecutorService steps = Executors.newFixedThreadPool(2);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ArchiveApplication.class)
			.run(args.toArray(String[]::new)); Connection gate = TestDatabase.get().connect()) {
			JobRepository repository = context.getBean(JobRepository.class);
			JobParameters parameters = new JobParametersBuilder().addLong("drill", System.nanoTime()).toJobParameters();
			JobInstance instance = repository.createJobInstance("parallelStartDrill", parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			try (Statement close = gate.createStatement()) {
				close.execute("SELECT pg_advisory_lock(" + GATE + ")");
			}
			List<CompletableFuture<Void>> created = new ArrayList<>();
			for (String step : List.of("gated-events", "gated-snapshots")) {
				created.add(CompletableFuture.runAsync(() -> repository.createStepExecution(step, execution), steps));
			}
			// pg_locks shows the whole server's: other test databases may wait on advisory locks of their own
			awaitUntil(() -> count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
					+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 2, null);
			try (Statement open = gate.createStatement()) {
				open.execute("SELECT pg_advisory_unlock(" + GATE + ")");
			}
			List<Throwable> failures = new ArrayList<>();
			for (CompletableFuture<Void> step : created) {
				try {
					step.get(1, TimeUnit.MINUTES);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failures.add(ex.getCause());
				}
			}
			return failures;
		}
		finally {
			steps.shutdownNow();
		}
	}

	private static void awaitUntil(java.util.function.BooleanSupplier condition, Future<?> unlessDone)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline || (unlessDone != null && unlessDone.isDone())) {
				fail("the awaited moment did not come");
			}
			Thread.sleep(5);
		}
	}

	private static void analyzeJobRepository() throws SQLException {
		execute("ANALYZE batch.batch_job_instance, batch.batch_job_execution, batch.batch_job_execution_params,"
				+ " batch.batch_job_execution_context, batch.batch_step_execution, batch.batch_step_execution_context");
	}

	private static void execute(String... statements) throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
