package dev.lsarchive.batch;

import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.lsarchive.batch.Counter.Resource;
import dev.lsarchive.batch.Counter.Tally;

/**
 * The counts one step execution committed, read from its ExecutionContext: the one source of every
 * count printed (progress lines, summaries, the ledger, metrics). Records counted without being
 * parsed again (the events of a list received as archived, the snapshots a capture found archived)
 * are read and unchanged records of their resource, so that every output names them alike.
 *
 * @param counts every counter the step committed, records counted unparsed folded in
 */
public record StepCounts(Map<Counter, Long> counts) {

	// counted by a reader without parsing: records of their resource, read and unchanged
	private static final Map<Counter, Resource> READ_UNCHANGED = Map.of(Counter.EVENTS_READ_UNCHANGED, Resource.EVENTS,
			Counter.SNAPSHOTS_READ_UNCHANGED, Resource.SNAPSHOTS);

	/** The counts of the step whose context is {@code context}. */
	public static StepCounts of(ExecutionContext context) {
		Map<Counter, Long> counts = new EnumMap<>(Counter.class);
		for (Counter counter : Counter.values()) {
			if (context.get(counter.contextKey()) instanceof Number number) {
				counts.put(counter, number.longValue());
			}
		}
		READ_UNCHANGED.forEach((counter, resource) -> {
			Long unparsed = counts.get(counter);
			if (unparsed != null) {
				counts.merge(Counter.of(resource, Tally.READ), unparsed, Long::sum);
				counts.merge(Counter.of(resource, Tally.UNCHANGED), unparsed, Long::sum);
			}
		});
		return new StepCounts(counts);
	}

	/** The value of {@code counter} (absent: zero). */
	public long get(Counter counter) {
		return this.counts.getOrDefault(counter, 0L);
	}

	/** {@code tally} of {@code resource}. */
	public long get(Resource resource, Tally tally) {
		return get(Counter.of(resource, tally));
	}

	/** The resource whose records the step counted; null while it has committed no count of any. */
	public @Nullable Resource resource() {
		for (Resource resource : Resource.values()) {
			if (this.counts.containsKey(Counter.of(resource, Tally.READ))) {
				return resource;
			}
		}
		return null;
	}

}
