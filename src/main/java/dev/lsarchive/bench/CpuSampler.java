package dev.lsarchive.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Samples, five times a second while the benchmark runs, the CPU time of the whole machine, of this
 * JVM and of its JIT compiler threads, so that a measured run can be told apart into the job's JVM
 * and everything else (PostgreSQL, when it runs on the same machine). The machine and the compiler
 * threads are read from Linux's {@code /proc}; elsewhere only the JVM's own time is reported.
 */
final class CpuSampler implements AutoCloseable {

	private static final Path MACHINE = Path.of("/proc/stat");

	private static final Path THREADS = Path.of("/proc/self/task");

	// /proc reports in USER_HZ, which Linux fixes at 100 for user space on every architecture the JDK runs on
	private static final double TICKS_PER_SECOND = 100;

	private final com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final List<Sample> samples = new ArrayList<>();

	private final Map<String, Long> compilerThreads = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-cpu-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private final int machineCores = machineCores();

	CpuSampler() {
		this.timer.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
	}

	/**
	 * The CPU time spent between two instants (taken from this JVM's clock), as one line: the
	 * machine's busy time out of what its cores had, this JVM's share and its compilers' share.
	 */
	String describe(Instant from, Instant to) {
		Sample first;
		Sample last;
		synchronized (this.samples) {
			first = nearest(from);
			last = nearest(to);
		}
		if (first == null || last == null || last.epochMillis <= first.epochMillis) {
			return "no CPU samples for this run";
		}
		return describe(first, last, this.machineCores);
	}

	/** The CPU time between two samples, on a machine of {@code machineCores} cores. */
	static String describe(Sample first, Sample last, int machineCores) {
		double seconds = (last.epochMillis - first.epochMillis) / 1000.0;
		double jvm = (last.jvmNanos - first.jvmNanos) / 1e9;
		StringBuilder line = new StringBuilder();
		if (first.machineTotalTicks > 0 && last.machineTotalTicks > first.machineTotalTicks) {
			double busyShare = (double) (last.machineBusyTicks - first.machineBusyTicks)
					/ (last.machineTotalTicks - first.machineTotalTicks);
			double machine = busyShare * machineCores * seconds;
			line.append(String.format(Locale.ROOT, "%.1f CPU-s busy of %.1f (%d cores x %.1f s): this JVM %.1f",
					machine, machineCores * seconds, machineCores, seconds, jvm));
			appendCompilers(line, first, last);
			line.append(String.format(Locale.ROOT, ", other processes %.1f (PostgreSQL, when it runs on this machine)",
					Math.max(0, machine - jvm)));
		}
		else {
			line.append(String.format(Locale.ROOT, "this JVM %.1f CPU-s in %.1f s", jvm, seconds));
			appendCompilers(line, first, last);
		}
		return line.toString();
	}

	private static void appendCompilers(StringBuilder line, Sample first, Sample last) {
		if (first.compilerTicks >= 0 && last.compilerTicks >= 0) {
			line.append(String.format(Locale.ROOT, " (its JIT compilers %.1f)",
					(last.compilerTicks - first.compilerTicks) / TICKS_PER_SECOND));
		}
	}

	private @Nullable Sample nearest(Instant instant) {
		long at = instant.toEpochMilli();
		Sample best = null;
		for (Sample sample : this.samples) {
			if (best == null || Math.abs(sample.epochMillis - at) < Math.abs(best.epochMillis - at)) {
				best = sample;
			}
		}
		return best;
	}

	private void sample() {
		long[] machine = machineTicks();
		Sample sample = new Sample(System.currentTimeMillis(), machine[0], machine[1], this.process.getProcessCpuTime(),
				compilerTicks());
		synchronized (this.samples) {
			this.samples.add(sample);
		}
	}

	private static long[] machineTicks() {
		try {
			return busyAndTotalTicks(Files.readAllLines(MACHINE).get(0));
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	/** Busy and total ticks from the first line of /proc/stat; idle and iowait (4th and 5th) are not busy. */
	static long[] busyAndTotalTicks(String cpuLine) {
		String[] fields = cpuLine.trim().split("\\s+");
		long total = 0;
		long idle = 0;
		// user nice system idle iowait irq softirq steal; guest time is already in user
		for (int i = 1; i < Math.min(fields.length, 9); i++) {
			long ticks = Long.parseLong(fields[i]);
			total += ticks;
			if (i == 4 || i == 5) {
				idle += ticks;
			}
		}
		return new long[] { total - idle, total };
	}

	private long compilerTicks() {
		Map<String, String> stats = new HashMap<>();
		try (DirectoryStream<Path> threads = Files.newDirectoryStream(THREADS)) {
			for (Path thread : threads) {
				try {
					stats.put(thread.getFileName().toString(), Files.readString(thread.resolve("stat")));
				}
				catch (IOException gone) {
					// the thread ended between the listing and the read
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		return keptCompilerTicks(this.compilerThreads, stats);
	}

	/**
	 * The ticks of every compiler thread seen so far, {@code seen} (thread id to its last ticks) updated
	 * with {@code stats} (thread id to its /proc stat line): HotSpot starts and stops compiler threads as
	 * its queue grows and shrinks, and one that ended keeps the time it used.
	 */
	static long keptCompilerTicks(Map<String, Long> seen, Map<String, String> stats) {
		stats.forEach((thread, stat) -> {
			long ticks = compilerTicksOf(stat);
			if (ticks > 0) {
				seen.merge(thread, ticks, Math::max);
			}
		});
		return seen.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * User and system ticks of a thread from its /proc stat line when HotSpot named it a compiler
	 * thread ("C1 CompilerThread0", cut to 15 characters), else 0.
	 */
	static long compilerTicksOf(String stat) {
		int open = stat.indexOf('(');
		int close = stat.lastIndexOf(')');
		if (open < 0 || close < open || !stat.substring(open + 1, close).contains("CompilerThre")) {
			return 0;
		}
		// after the name: the state, ten more fields, then utime and stime
		String[] fields = stat.substring(close + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static int machineCores() {
		try {
			return (int) Files.readAllLines(MACHINE).stream().filter((line) -> line.matches("cpu\\d+ .*")).count();
		}
		catch (IOException ex) {
			return Runtime.getRuntime().availableProcessors();
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	/** CPU counters at one instant; machine ticks 0 and compiler ticks -1 where /proc cannot be read. */
	record Sample(long epochMillis, long machineBusyTicks, long machineTotalTicks, long jvmNanos,
			long compilerTicks) {
	}

}
