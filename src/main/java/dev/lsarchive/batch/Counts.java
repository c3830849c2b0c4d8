package dev.lsarchive.batch;

/**
 * Counts by stable key, read-only: what a step committed ({@link StepCounts}) or what a run date
 * has so far, as a summary line, a ledger column or a step's log line reads them.
 */
public interface Counts {

	/** The value of the counter whose stable key is {@code key} (absent: zero). */
	long get(String key);

	/** The value of {@code counter} (absent: zero). */
	default long get(Counter counter) {
		return get(counter.key());
	}

	/** {@code tally} of {@code resource}. */
	default long get(ArchivedResource resource, Tally tally) {
		return get(resource.counter(tally));
	}

}
