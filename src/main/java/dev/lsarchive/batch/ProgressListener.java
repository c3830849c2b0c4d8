package dev.lsarchive.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;


/** Logs every running step's progress (items, chunks, rate, elapsed) at most once per interval. */
public class ProgressListener implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	private final long intervalNanos;

	private final Map<Long, long[]> started = new ConcurrentHashMap<>();

	public ProgressListener(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	@Override
	public void beforeStep(StepExecution step) {
		long now = System.nanoTime();
		this.started.put(step.getId(), new long[] { now, now });
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
		long[] times = this.started.get(step.getId());
		long now = System.nanoTime();
		if (times == null || now - times[1] < this.intervalNanos) {
			return;
		}
		times[1] = now;
		log(step, times[0], now, "running");
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		long[] times = this.started.remove(step.getId());
		if (times != null) {
			log(step, times[0], System.nanoTime(), step.getStatus().name());
		}
		return null;
	}

	private static void log(StepExecution step, long start, long now, String state) {
		double seconds = Math.max(1e-9, (now - start) / 1e9);
		Object pages = step.getExecutionContext().get(Counter.LISTING_PAGES.contextKey());
		// the events step reads blocks of events: its own count says how many events they held
		long items = (step.getExecutionContext().get(Counter.EVENTS_READ.contextKey()) instanceof Number events)
				? events.longValue() : step.getReadCount();
		log.info("{} {}: {} items{} in {} chunks, {} items/s, {} s", step.getStepName(), state, items,
				(pages != null) ? " from " + pages + " pages" : "", step.getCommitCount(), Math.round(items / seconds),
				String.format("%.1f", seconds));
	}

}
