package dev.lsarchive.support;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lsarchive.ArchiveApplication;
import dev.lsarchive.simulator.LiveStationSimulator;

/**
 * Runs the application as {@code main} would, in this JVM, against a simulator and the test
 * database, and returns the exit code.
 */
public final class ArchiveRun {

	private ArchiveRun() {
	}

	/** Archives {@code runDate} from {@code simulator}; {@code extraArgs} are further {@code --name=value} settings. */
	public static int run(LiveStationSimulator simulator, String runDate, String... extraArgs) {
		return runWithKeys(simulator, simulator.accessKey(), simulator.secretKey(), runDate, extraArgs);
	}

	/** Starts the application without running the job, so that Flyway has migrated the test database. */
	public static void migrateOnly() {
		TestDatabase database = TestDatabase.get();
		SpringApplication.exit(new SpringApplicationBuilder(ArchiveApplication.class).run(
				"--archive.run-on-startup=false", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--livestation.api.access-key=unused",
				"--livestation.api.secret-key=unused"));
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
		List<String> args = CommandLine.merge(List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(),
				"--livestation.api.base-url=" + simulator.baseUrl(), "--livestation.api.allow-insecure-http=true",
				"--livestation.api.access-key=" + accessKey, "--livestation.api.secret-key=" + secretKey,
				"--livestation.api.initial-backoff=5ms", "--livestation.api.max-backoff=50ms",
				"--livestation.api.requests-per-second=1000", "--archive.run-date=" + runDate), extraArgs);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ArchiveApplication.class);
		if (clock != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
		}
		ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
		return SpringApplication.exit(context);
	}

}
