package dev.lsarchive.batch;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs every running step's progress (records of its resource by outcome, chunks, rate, elapsed)
 * at most once per interval, and a line per step as it ends. On an interactive terminal it also
 * keeps one line up to date with the running step's records read, rate, share of channels done and
 * time left; elsewhere (cron, systemd, Kubernetes) the output is the log lines alone. Every number
 * is the step's committed count ({@link StepCounts}), the same the run summary adds up.
 */
public class ProgressListener implements ChunkListener<Object, Object>, StepExecutionListener {

	/** Context key of the channels a step (or partition) has finished, for the share of channels done. */
	public static final String CHANNELS_DONE = "progress.channels.done";

	/** Context key of the channels a step (or partition) has to do. */
	public static final String CHANNELS_TOTAL = "progress.channels.total";

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	private static final long TERMINAL_REFRESH_NANOS = 250_000_000L;

	private final long intervalNanos;

	private final ArchivedResources resources;

	private final @Nullable PrintStream terminal;

	private final Map<Long, long[]> started = new ConcurrentHashMap<>();

	// the partitions of a step: their progress adds up on the terminal line
	private final Map<Long, StepExecution> running = new ConcurrentHashMap<>();

	// the live line's name of a step, when its configuration gave it one (a partitioned step's worker: the step's)
	private final Map<String, String> labels = new ConcurrentHashMap<>();

	private volatile long lastLine;

	/**
	 * Logs every {@code interval} the counts of {@code resources}; keeps a live line on standard error
	 * when it is an interactive terminal.
	 */
	public ProgressListener(Duration interval, ArchivedResources resources) {
		this(interval, resources, interactive() ? System.err : null);
	}

	/** Logs every {@code interval}; keeps a live line on {@code terminal} (null: none). */
	public ProgressListener(Duration interval, ArchivedResources resources, @Nullable PrintStream terminal) {
		this.intervalNanos = interval.toNanos();
		this.resources = resources;
		this.terminal = terminal;
	}

	/**
	 * Shows the step {@code stepName} (all its partitions, when it is a partitioned step's worker) as
	 * {@code label} on the live line; returns this listener, for the step's builder.
	 */
	public ProgressListener labelling(String stepName, String label) {
		this.labels.put(stepName, label);
		return this;
	}

	@Override
	public void beforeStep(StepExecution step) {
		long now = System.nanoTime();
		this.started.put(step.getId(), new long[] { now, now });
		this.running.put(step.getId(), step);
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
		long[] times = this.started.get(step.getId());
		long now = System.nanoTime();
		if (this.terminal != null && times != null && now - this.lastLine >= TERMINAL_REFRESH_NANOS) {
			this.lastLine = now;
			showLine(step, now);
		}
		if (times == null || now - times[1] < this.intervalNanos) {
			return;
		}
		times[1] = now;
		log(step, times[0], now, "running");
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		this.running.remove(step.getId());
		if (this.terminal != null) {
			// the live line gives way to the step's log line
			this.terminal.print("\r" + " ".repeat(100) + "\r");
			this.terminal.flush();
		}
		long[] times = this.started.remove(step.getId());
		if (times != null) {
			log(step, times[0], System.nanoTime(), step.getStatus().name());
		}
		return null;
	}

	// before Java 22 a console exists only on a terminal; from Java 22 on it may exist without one, and
	// Console.isTerminal() tells (called by reflection: the job runs on Java 17 too)
	static boolean interactive() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	// every running partition of the same step, added up: one line for the step
	private void showLine(StepExecution step, long now) {
		String name = step.getStepName().replaceFirst(":.*", "");
		long items = 0;
		ArchivedResource resource = null;
		long done = 0;
		long total = 0;
		long start = now;
		for (StepExecution other : this.running.values()) {
			if (!other.getStepName().replaceFirst(":.*", "").equals(name)
					|| other.getJobExecutionId() != step.getJobExecutionId()) {
				continue;
			}
			StepCounts counts = StepCounts.of(other.getExecutionContext(), this.resources);
			if (counts.resource() != null) {
				resource = counts.resource();
				items += counts.get(resource, Tally.READ);
			}
			done += number(other, CHANNELS_DONE);
			total += number(other, CHANNELS_TOTAL);
			long[] times = this.started.get(other.getId());
			if (times != null) {
				start = Math.min(start, times[0]);
			}
		}
		String line = ProgressLine.of(this.labels.getOrDefault(name, name), unit(named(step, resource)), items,
				(now - start) / 1e9, done, total);
		this.terminal.print("\r" + line + " ".repeat(Math.max(0, 100 - line.length())));
		this.terminal.flush();
	}

	// a step that counted nothing yet (a partition given no channel) counts in the resource its name or label names
	private @Nullable ArchivedResource named(StepExecution step, @Nullable ArchivedResource counted) {
		if (counted != null) {
			return counted;
		}
		String name = step.getStepName().replaceFirst(":.*", "");
		return this.resources.labelled(this.labels.getOrDefault(name, name)).orElse(null);
	}

	// what the step counts its records in, plural: the resource it archives (before its first commit: none yet)
	private static String unit(@Nullable ArchivedResource resource) {
		return (resource != null) ? resource.label() : "records";
	}

	private static long number(StepExecution step, String key) {
		return (step.getExecutionContext().get(key) instanceof Number value) ? value.longValue() : 0;
	}

	// the step's own committed counts, in the words of the run summary: its lines add up to the summary's rows
	private void log(StepExecution step, long start, long now, String state) {
		double seconds = Math.max(1e-9, (now - start) / 1e9);
		StepCounts counts = StepCounts.of(step.getExecutionContext(), this.resources);
		ArchivedResource resource = counts.resource();
		long read = (resource != null) ? counts.get(resource, Tally.READ) : 0;
		String unit = unit(named(step, resource));
		log.info("{} {}: {} read ({} written, {} unchanged, {} quarantined){} in {}, {} {}/s, {} s",
				step.getStepName(), state, SummaryNote.count(read, unit.substring(0, unit.length() - 1), unit),
				tally(counts, resource, Tally.WRITTEN), tally(counts, resource, Tally.UNCHANGED),
				tally(counts, resource, Tally.QUARANTINED), source(counts),
				SummaryNote.count(step.getCommitCount(), "chunk", "chunks"), Math.round(read / seconds), unit,
				String.format(Locale.ROOT, "%.1f", seconds));
	}

	private static long tally(StepCounts counts, @Nullable ArchivedResource resource, Tally tally) {
		return (resource != null) ? counts.get(resource, tally) : 0;
	}

	// where the records came from, when the step reads them from something it counts
	private String source(StepCounts counts) {
		for (Map.Entry<Counter, ArchivedResource.Source> source : this.resources.sources().entrySet()) {
			if (counts.get(source.getKey()) > 0) {
				return " from " + source.getValue().of(counts.get(source.getKey()));
			}
		}
		return "";
	}

}
