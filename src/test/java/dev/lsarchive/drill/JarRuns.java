package dev.lsarchive.drill;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.support.CommandLine;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.TestDatabase;

/** Launches the packaged job against a simulator of the test, and interrupts it at chosen moments. */
final class JarRuns implements AutoCloseable {

	static final String RUN_DATE = "2026-11-20";

	// one connection for all the polling: a moment of a few milliseconds must not be missed
	private final Connection watch;

	private final Statement statement;

	JarRuns() throws SQLException {
		this.watch = TestDatabase.get().connect();
		this.statement = this.watch.createStatement();
	}

	/** A running job process, its output going to a file (signals close a process's pipes). */
	record Launch(Process process, Path output) {

		int waitForExit() throws InterruptedException {
			if (!this.process.waitFor(3, TimeUnit.MINUTES)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("the job did not end within 3 minutes");
			}
			return this.process.exitValue();
		}

		String text() throws IOException {
			return Files.readString(this.output);
		}

	}

	Launch start(LiveStationSimulator simulator, String... extra) throws IOException {
		List<String> args = CommandLine.merge(List.of("--livestation.api.base-url=" + simulator.baseUrl(),
				"--livestation.api.allow-insecure-http=true", "--livestation.api.access-key=" + simulator.accessKey(),
				"--livestation.api.secret-key=" + simulator.secretKey(), "--livestation.api.initial-backoff=5ms",
				"--livestation.api.max-backoff=50ms", "--livestation.api.requests-per-second=10000",
				"--archive.run-date=" + RUN_DATE, "--archive.event-chunk-size=200", "--archive.page-size=10"), extra);
		Path output = Files.createTempFile("archive-run", ".log");
		Process process = new ProcessBuilder(PackagedJar.command(args.toArray(String[]::new)))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.directory(new File("."))
			.start();
		return new Launch(process, output);
	}

	/** Waits until {@code moment} holds or the process ends; true when the moment came first. */
	boolean awaitMoment(Launch launch, BooleanSupplier moment) throws InterruptedException {
		while (launch.process().isAlive()) {
			if (moment.getAsBoolean()) {
				return launch.process().isAlive();
			}
			Thread.sleep(1);
		}
		return false;
	}

	boolean stepRunning(String stepPrefix) {
		return count("SELECT count(*) FROM batch.batch_step_execution WHERE status = 'STARTED' AND step_name LIKE '"
				+ stepPrefix + "%'") > 0;
	}

	boolean statementRunning(String statementPrefix) {
		return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'livestation-archive'"
				+ " AND state = 'active' AND query LIKE '" + statementPrefix + "%'") > 0;
	}

	long events() {
		return count("SELECT CASE WHEN to_regclass('livestation.channel_event') IS NULL THEN 0"
				+ " ELSE (SELECT count(*) FROM livestation.channel_event) END");
	}

	/** The events step is running and has committed {@code more} events since {@code baseline}. */
	BooleanSupplier eventsBeyond(long baseline, long more) {
		return () -> stepRunning("eventsWorker") && events() >= baseline + more;
	}

	long count(String sql) {
		try (ResultSet result = this.statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			// relations appear while the first launch migrates: not yet there is "no"
			return 0;
		}
	}

	@Override
	public void close() throws SQLException {
		this.watch.close();
	}

}
