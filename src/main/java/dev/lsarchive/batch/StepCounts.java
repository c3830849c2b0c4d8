package dev.lsarchive.batch;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The counts one step execution committed, read from its ExecutionContext: the one source of every
 * count printed (progress lines, summaries, the ledger, metrics). Every counter key found is kept,
 * declared or not. Records counted without being parsed again (the events of a list received as
 * archived, the snapshots a capture found archived) are read and unchanged records of their
 * resource ({@link ArchivedResource.Builder#readUnchanged}), so that every output names them alike.
 *
 * @param counts every counter the step committed by its stable key, records counted unparsed folded in
 * @param resource the resource whose records the step counted; null while it has committed no count of any
 */
public record StepCounts(Map<String, Long> counts, @Nullable ArchivedResource resource) implements Counts {

	/** The counts of the step whose context is {@code context}. */
	public static StepCounts of(ExecutionContext context, ArchivedResources resources) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			if (entry.getKey().startsWith(Counter.CONTEXT_PREFIX) && entry.getValue() instanceof Number number) {
				counts.put(entry.getKey().substring(Counter.CONTEXT_PREFIX.length()), number.longValue());
			}
		}
		ArchivedResource counted = null;
		for (ArchivedResource resource : resources) {
			for (Counter unparsed : resource.readUnchanged()) {
				Long value = counts.get(unparsed.key());
				if (value != null) {
					counts.merge(resource.counter(Tally.READ).key(), value, Long::sum);
					counts.merge(resource.counter(Tally.UNCHANGED).key(), value, Long::sum);
				}
			}
			if (counted == null && counts.containsKey(resource.counter(Tally.READ).key())) {
				counted = resource;
			}
		}
		return new StepCounts(counts, counted);
	}

	@Override
	public long get(String key) {
		return this.counts.getOrDefault(key, 0L);
	}

}
