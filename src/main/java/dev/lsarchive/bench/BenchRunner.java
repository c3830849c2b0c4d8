package dev.lsarchive.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.postgresql.PGConnection;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;

import dev.lsarchive.ArchiveApplication;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;

/**
 * Measures the archive against PostgreSQL's own bulk load: a first load and a re-run of the whole
 * job over a simulated account, then {@code COPY} of the very same normalized rows into an empty
 * copy of {@code channel_event}. Prints the figures and, last, one {@code BENCH …} line.
 */
class BenchRunner implements ApplicationRunner {

	private static final int COPY_LOADS = 3;

	private final BenchProperties bench;

	private final Environment environment;

	private long benchStartMillis;

	private StartUp startUp;

	BenchRunner(BenchProperties bench, Environment environment) {
		this.bench = bench;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		this.benchStartMillis = System.currentTimeMillis();
		BenchDatabase database = BenchDatabase.create(this.environment);
		SimulatorProperties data = data(this.bench.channels(), 0);
		say("Benchmark: %d channels x %d events, API latency %d ms, %d event threads, %d partitions, budget %d req/s;"
				+ " database %s", this.bench.channels(), this.bench.eventsPerChannel(), this.bench.latency().toMillis(),
				this.bench.eventThreads(), this.bench.eventPartitions(), this.bench.requestsPerSecond(), database.name());
		if (this.bench.warmUpEvents() > 0) {
			warmUp();
		}
		try (CpuSampler cpu = new CpuSampler();
				LiveStationSimulator simulator = new LiveStationSimulator(data, new SimulatedDataset(data),
						Clock.systemUTC())) {
			Run first = archive(simulator, database, false);
			long events = count(database, "SELECT count(*) FROM livestation.channel_event");
			say("first load: %d events in %.2f s = %.0f events/s; %d requests, %.0f req/s, peak concurrency %d, peak heap %d MB",
					events, first.seconds, events / first.seconds, first.requests, first.requests / first.seconds,
					first.peakConcurrency, first.peakHeapMb);
			List<StepSeconds> firstSteps = stepDurations(database, true);
			say("steps of the first load: %s", StepSeconds.describe(firstSteps));
			say("CPU of the first load: %s", cpuOfLatestRun(cpu, database));
			Run rerun = archive(simulator, database, true);
			say("re-run:     %d events in %.2f s = %.0f events/s; %d requests, peak heap %d MB", events, rerun.seconds,
					events / rerun.seconds, rerun.requests, rerun.peakHeapMb);
			List<StepSeconds> rerunSteps = stepDurations(database, false);
			say("steps of the re-run: %s", StepSeconds.describe(rerunSteps));
			say("CPU of the re-run: %s", cpuOfLatestRun(cpu, database));
			double[] copyLoads = copyReference(database);
			double copySeconds = median(copyLoads);
			say("COPY:       %d rows in %.2f s = %.0f rows/s (same rows, empty copy of channel_event, same indexes;"
					+ " median of %s s)", events, copySeconds, events / copySeconds,
					Arrays.stream(copyLoads).mapToObj((load) -> String.format("%.2f", load)).toList());
			double firstPerSecond = events / first.seconds;
			double rerunPerSecond = events / rerun.seconds;
			double copyPerSecond = events / copySeconds;
			say("rate budget: %d req/s; achieved %.0f req/s in the first load (%.0f%% of the budget)",
					this.bench.requestsPerSecond(), first.requests / first.seconds,
					100.0 * first.requests / first.seconds / this.bench.requestsPerSecond());
			say("start-up of the first job run in this JVM: %.2f s from exec to its first API request (JVM and the"
					+ " benchmark's context %.2f s, then the job's context until its first request; the benchmark's own"
					+ " database and account are not counted)", this.startUp.seconds(),
					(this.startUp.benchStartMillis() - this.startUp.jvmStartMillis()) / 1e3);
			say("BENCH events=%d first_load_per_s=%.0f rerun_per_s=%.0f copy_per_s=%.0f first_vs_copy=%.2f rerun_vs_copy=%.2f peak_heap_mb=%d"
					+ " startup_s=%.2f first_steps_s=%s rerun_steps_s=%s",
					events, firstPerSecond, rerunPerSecond, copyPerSecond, firstPerSecond / copyPerSecond,
					rerunPerSecond / copyPerSecond, Math.max(first.peakHeapMb, rerun.peakHeapMb), this.startUp.seconds(),
					StepSeconds.field(firstSteps), StepSeconds.field(rerunSteps));
		}
		finally {
			if (!this.bench.keepDatabase()) {
				database.drop();
			}
		}
	}

	// the measured account: zero latency unless asked, no oddities, a simulator thread for every request in flight
	private SimulatorProperties data(int channels, long seedOffset) {
		SimulatorProperties data = SimulatorProperties.of(channels, this.bench.eventsPerChannel());
		return data.toBuilder()
			.seed(data.seed() + seedOffset)
			.snapshotShare(this.bench.snapshotShare())
			.latency(this.bench.latency())
			.threads(Math.max(16, this.bench.eventThreads() * 2))
			.secondsTimestampShare(0)
			.badEventShare(0)
			.build();
	}

	// the same job over fewer channels, in a scratch database: the JIT compiles the paths the measured runs take
	private void warmUp() throws Exception {
		int channels = Math.max(1, this.bench.warmUpEvents() / this.bench.eventsPerChannel());
		SimulatorProperties small = data(channels, 1);
		BenchDatabase scratch = BenchDatabase.create(this.environment);
		long start = System.nanoTime();
		try (LiveStationSimulator simulator = new LiveStationSimulator(small, new SimulatedDataset(small),
				Clock.systemUTC())) {
			archive(simulator, scratch, false);
			archive(simulator, scratch, true);
		}
		finally {
			scratch.drop();
		}
		say("warm-up: %d channels x %d events archived twice in a scratch database in %.1f s (not measured)", channels,
				small.eventsPerChannel(), (System.nanoTime() - start) / 1e9);
	}

	private Run archive(LiveStationSimulator simulator, BenchDatabase database, boolean rerun) throws Exception {
		List<String> args = jobArguments(this.bench, simulator, database);
		args.addAll(List.of("--archive.run-date=2026-01-01", "--archive.rerun=" + rerun,
				"--logging.level.dev.lsarchive=WARN"));
		long requestsBefore = simulator.requests();
		resetPeakHeap();
		long launchNanos = System.nanoTime();
		int exitCode = SpringApplication.exit(new SpringApplicationBuilder(ArchiveApplication.class)
			.run(args.toArray(String[]::new)));
		if (exitCode != 0) {
			throw new IllegalStateException("the measured run failed with exit code " + exitCode);
		}
		if (this.startUp == null) {
			// the first job run in this JVM is the cold one, whether it is the warm-up or the first load
			this.startUp = new StartUp(ManagementFactory.getRuntimeMXBean().getStartTime(), this.benchStartMillis,
					launchNanos, simulator.firstRequestNanos().orElseThrow());
		}
		double seconds;
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT extract(epoch FROM finished_at - started_at)"
						+ " FROM livestation.archive_run ORDER BY job_execution_id DESC LIMIT 1")) {
			result.next();
			seconds = result.getDouble(1);
		}
		return new Run(seconds, simulator.requests() - requestsBefore, simulator.peakConcurrency(), peakHeapMb());
	}

	/** The settings every measured run of the job gets: the benchmark's database, simulator and concurrency. */
	static List<String> jobArguments(BenchProperties bench, LiveStationSimulator simulator, BenchDatabase database) {
		List<String> arguments = new ArrayList<>(database.settings());
		arguments.addAll(List.of("--livestation.api.base-url=" + simulator.baseUrl(),
				"--livestation.api.allow-insecure-http=true", "--livestation.api.access-key=" + simulator.accessKey(),
				"--livestation.api.secret-key=" + simulator.secretKey(),
				"--livestation.api.requests-per-second=" + bench.requestsPerSecond(),
				"--archive.event-threads=" + bench.eventThreads(), "--archive.event-partitions=" + bench.eventPartitions(),
				"--archive.progress-interval=1h"));
		return arguments;
	}

	// COPY's own speed moves by a third from one load to the next (checkpoints, disk cache): the
	// reference is the median of three loads, each into a fresh table after a CHECKPOINT
	private static double[] copyReference(BenchDatabase database) throws Exception {
		Path rows = Files.createTempFile("channel_event", ".copy");
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			PGConnection pg = connection.unwrap(PGConnection.class);
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(rows), 1 << 20)) {
				pg.getCopyAPI().copyOut("COPY livestation.channel_event TO STDOUT", out);
			}
			double[] seconds = new double[COPY_LOADS];
			for (int i = 0; i < COPY_LOADS; i++) {
				statement.execute("DROP TABLE IF EXISTS livestation.channel_event_copy_reference");
				statement.execute("CREATE TABLE livestation.channel_event_copy_reference"
						+ " (LIKE livestation.channel_event INCLUDING ALL)");
				statement.execute("CHECKPOINT");
				long start = System.nanoTime();
				try (InputStream in = new BufferedInputStream(Files.newInputStream(rows), 1 << 20)) {
					pg.getCopyAPI().copyIn("COPY livestation.channel_event_copy_reference FROM STDIN", in);
				}
				seconds[i] = (System.nanoTime() - start) / 1e9;
				statement.execute("DROP TABLE livestation.channel_event_copy_reference");
			}
			return seconds;
		}
		finally {
			Files.deleteIfExists(rows);
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	// the steps of the first job execution, or of the last; a partitioned step once, not each of its
	// partitions (Spring Batch names those step:partition)
	private static List<StepSeconds> stepDurations(BenchDatabase database, boolean first) throws Exception {
		List<StepSeconds> steps = new ArrayList<>();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("""
						SELECT regexp_replace(step_name, ':.*', '') AS step,
						       extract(epoch FROM max(end_time) - min(start_time)) AS seconds
						FROM batch.batch_step_execution
						WHERE job_execution_id = (SELECT %s(job_execution_id) FROM batch.batch_job_execution)
						  AND step_name NOT LIKE '%%:%%'
						GROUP BY 1 ORDER BY min(start_time)""".formatted(first ? "min" : "max"))) {
			while (result.next()) {
				steps.add(new StepSeconds(result.getString(1), result.getDouble(2)));
			}
		}
		return steps;
	}

	// the latest job execution's span, as Spring Batch took it from this JVM's clock
	private static String cpuOfLatestRun(CpuSampler cpu, BenchDatabase database) throws Exception {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT start_time, end_time FROM batch.batch_job_execution"
						+ " ORDER BY job_execution_id DESC LIMIT 1")) {
			result.next();
			return cpu.describe(result.getTimestamp(1).toInstant(), result.getTimestamp(2).toInstant());
		}
	}

	private static long count(BenchDatabase database, String sql) throws Exception {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static void resetPeakHeap() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	private static long peakHeapMb() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	private static void say(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

	private record Run(double seconds, long requests, int peakConcurrency, long peakHeapMb) {
	}

}
