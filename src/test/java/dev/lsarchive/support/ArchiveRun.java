package dev.lsarchive.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lsarchive.ArchiveApplication;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;

/**
 * Runs the application as {@code main} would, in this JVM, against a simulator and the test
 * database. {@link #completes} and {@link #exits} assert the exit code, failing with the run's
 * status and reason from the ledger: a run that failed is told as such, not as a puzzling count
 * later. The forms that return the exit code are for a test that asserts it itself.
 */
public final class ArchiveRun {

	// Spring Boot's logging system is one per JVM: two applications that initialize it at the same
	// moment (the drills start runs side by side in this JVM) can tear each other's Logback context.
	// Each run takes this lock from its start until its context is prepared, logging set up; the
	// jobs themselves still run at the same time.
	private static final ReentrantLock LOGGING_START = new ReentrantLock();

	private static final ApplicationListener<ApplicationEvent> ONE_LOGGING_START_AT_A_TIME = (event) -> {
		if (event instanceof ApplicationStartingEvent) {
			LOGGING_START.lock();
		}
		else if ((event instanceof ApplicationPreparedEvent || event instanceof ApplicationFailedEvent)
				&& LOGGING_START.isHeldByCurrentThread()) {
			LOGGING_START.unlock();
		}
	};

	private ArchiveRun() {
	}

	/** Archives {@code runDate} from {@code simulator}, which must complete (exit code 0). */
	public static void completes(LiveStationSimulator simulator, String runDate, String... extraArgs) {
		exits(ExitCodes.COMPLETED, simulator, runDate, extraArgs);
	}

	/** Archives {@code runDate} from {@code simulator}, which must end with the exit code {@code expected}. */
	public static void exits(int expected, LiveStationSimulator simulator, String runDate, String... extraArgs) {
		expect(expected, run(simulator, runDate, extraArgs), runDate);
	}

	/** The same, signing with the given keys. */
	public static void exitsWithKeys(int expected, LiveStationSimulator simulator, String accessKey, String secretKey,
			String runDate, String... extraArgs) {
		expect(expected, runWithKeys(simulator, accessKey, secretKey, runDate, extraArgs), runDate);
	}

	/** Archives {@code runDate} on a machine whose clock is {@code clock}, which must complete (exit code 0). */
	public static void completesAt(java.time.Clock clock, LiveStationSimulator simulator, String runDate,
			String... extraArgs) {
		int exitCode = runWithClock(clock, simulator, simulator.accessKey(), simulator.secretKey(), runDate, extraArgs);
		expect(ExitCodes.COMPLETED, exitCode, runDate);
	}

	/**
	 * Archives {@code runDate} from {@code simulator} and returns the exit code, for a test that asserts
	 * it itself; {@code extraArgs} are further {@code --name=value} settings.
	 */
	public static int run(LiveStationSimulator simulator, String runDate, String... extraArgs) {
		return runWithKeys(simulator, simulator.accessKey(), simulator.secretKey(), runDate, extraArgs);
	}

	/** Archives {@code runDate} signing with the given keys, and returns the exit code (see {@link #run}). */
	public static int runWithKeys(LiveStationSimulator simulator, String accessKey, String secretKey, String runDate,
			String... extraArgs) {
		return runWithClock(null, simulator, accessKey, secretKey, runDate, extraArgs);
	}

	/** The same, on a machine whose clock is {@code clock} (null: the real one); returns the exit code. */
	public static int runWithClock(java.time.Clock clock, LiveStationSimulator simulator, String accessKey,
			String secretKey, String runDate, String... extraArgs) {
		TestDatabase database = TestDatabase.get();
		List<String> defaults = new ArrayList<>(database.applicationSettings());
		defaults.addAll(List.of("--livestation.api.base-url=" + simulator.baseUrl(),
				"--livestation.api.allow-insecure-http=true", "--livestation.api.access-key=" + accessKey,
				"--livestation.api.secret-key=" + secretKey, "--livestation.api.initial-backoff=5ms",
				"--livestation.api.max-backoff=50ms", "--livestation.api.requests-per-second=1000",
				"--archive.run-date=" + runDate));
		List<String> args = CommandLine.merge(defaults, extraArgs);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ArchiveApplication.class)
			.listeners(ONE_LOGGING_START_AT_A_TIME);
		if (clock != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
		}
		ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
		return SpringApplication.exit(context);
	}

	/** Starts the application without running the job, so that Flyway has migrated the test database. */
	public static void migrateOnly() {
		migrateOnly(TestDatabase.get());
	}

	/** The same, on {@code database}. */
	public static void migrateOnly(TestDatabase database) {
		List<String> args = new ArrayList<>(database.applicationSettings());
		args.addAll(List.of("--archive.run-on-startup=false", "--livestation.api.access-key=unused",
				"--livestation.api.secret-key=unused"));
		SpringApplication.exit(new SpringApplicationBuilder(ArchiveApplication.class).run(args.toArray(String[]::new)));
	}

	private static void expect(int expected, int exitCode, String runDate) {
		if (exitCode != expected) {
			throw new AssertionError("The run of " + runDate + " ended with exit code " + exitCode + ", expected "
					+ expected + "; " + lastRunOf(runDate));
		}
	}

	// what the ledger says of the run date's latest execution: its status and reason
	private static String lastRunOf(String runDate) {
		try {
			List<Map<String, Object>> rows = ArchiveTables.rows("SELECT job_name, job_execution_id, status,"
					+ " exit_message FROM livestation.archive_run WHERE run_date = '" + LocalDate.parse(runDate)
					+ "' ORDER BY job_execution_id DESC LIMIT 1");
			return rows.isEmpty() ? "no execution in the ledger (refused before it began: see the output above)"
					: "the ledger's latest execution: " + rows.get(0);
		}
		catch (RuntimeException ex) {
			return "the ledger could not be read: " + ex.getMessage();
		}
	}

}
