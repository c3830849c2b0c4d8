package dev.lsarchive.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs {@code target/livestation-archive.jar} as an operator would, in a process of its own. */
public final class PackagedJar {

	private PackagedJar() {
	}

	/**
	 * The result of one run.
	 *
	 * @param exitCode the process exit code
	 * @param output standard output and error together
	 */
	public record Result(int exitCode, String output) {
	}

	/** Runs the jar with {@code args} against the test database and waits for it to exit. */
	public static Result run(String... args) throws IOException, InterruptedException {
		return runOn(TestDatabase.get(), args);
	}

	/** Runs the jar with {@code args} against {@code database} and waits for it to exit. */
	public static Result runOn(TestDatabase database, String... args) throws IOException, InterruptedException {
		return finish(new ProcessBuilder(command(database, args)).redirectErrorStream(true));
	}

	/**
	 * Runs the jar with {@code args} alone: no test database, and none from the environment
	 * ({@code ARCHIVE_JDBC_*} removed), as an operator's first try would.
	 */
	public static Result runWithoutTestDatabase(String... args) throws IOException, InterruptedException {
		List<String> command = launcher();
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("ARCHIVE_JDBC_"));
		return finish(builder);
	}

	/** One run of the jar, for {@link #together}. */
	@FunctionalInterface
	public interface Run {

		Result run() throws IOException, InterruptedException;

	}

	/**
	 * Does {@code runs}, two processes at a time, and returns their results in the given order: for a test
	 * whose runs are independent of each other (each its own process, arguments and output), as a cold start
	 * leaves a core of the two mostly idle.
	 */
	public static List<Result> together(Run... runs) throws IOException, InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Future<Result>> futures = new ArrayList<>();
			for (Run run : runs) {
				futures.add(executor.submit(run::run));
			}
			List<Result> results = new ArrayList<>();
			for (Future<Result> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

	// runs the process to its end, its output read whole
	private static Result finish(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("the jar did not exit within 5 minutes:\n" + output);
		}
		return new Result(process.exitValue(), output);
	}

	/** Starts the jar with {@code args} against the test database; the caller reads and ends it. */
	public static Process start(String... args) throws IOException {
		return new ProcessBuilder(command(args)).redirectErrorStream(true).start();
	}

	/** The command line that runs the jar with {@code args} against the test database. */
	public static List<String> command(String... args) {
		return command(TestDatabase.get(), args);
	}

	private static List<String> command(TestDatabase database, String... args) {
		List<String> command = launcher();
		command.addAll(database.applicationSettings());
		command.addAll(List.of(args));
		return command;
	}

	// C1 only, as the launchers start the jar (jobs/run-archive.sh, the image): the JVM the tests prove is
	// the one that runs, and a start costs half the CPU
	private static List<String> launcher() {
		File jar = new File("target/livestation-archive.jar");
		if (!jar.isFile()) {
			throw new IllegalStateException("target/livestation-archive.jar is missing: run the tests with ./mvnw verify");
		}
		return new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
				"-XX:TieredStopAtLevel=1", "-jar", jar.getPath()));
	}

}
