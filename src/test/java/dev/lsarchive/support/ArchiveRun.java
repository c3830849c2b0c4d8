package dev.lsarchive.support;

import java.util.ArrayList;
import java.util.List;
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
import dev.lsarchive.simulator.LiveStationSimulator;

/**
 * Runs the application as {@code main} would, in this JVM, against a simulator and the test
 * database, and returns the exit code.
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

	/** Archives {@code runDate} from {@code simulator}; {@code extraArgs} are further {@code --name=value} settings. */
	public static int run(LiveStationSimulator simulator, String runDate, String... extraArgs) {
		return runWithKeys(simulator, simulator.accessKey(), simulator.secretKey(), runDate, extraArgs);
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

	/** The same, signing with the given keys. */
	public static int runWithKeys(LiveStationSimulator simulator, String accessKey, String secretKey, String runDate,
			String... extraArgs) {
		return runWithClock(null, simulator, accessKey, secretKey, runDate, extraArgs);
	}

	/** The same, on a machine whose clock is {@code clock} (null: the real one). */
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

}
