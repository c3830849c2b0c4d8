package dev.lsarchive.batch;

import java.util.regex.Pattern;

/**
 * One count a run keeps, under a stable key: a tally of a resource's records ({@code events.written})
 * or a fact a step notes on the way ({@code events.gaps}). Steps save it in their ExecutionContext
 * under {@link #contextKey()}, and the ledger, the summary file and the metrics name it by its key;
 * a key never changes, so that a run resumed by a newer version still finds the counts of the
 * executions before it. Resources declare their counters ({@link ArchivedResource}).
 *
 * @param key the stable name, e.g. {@code events.written}
 * @param description what it counts, in a sentence
 */
public record Counter(String key, String description) {

	/** Prefix of every counter key in a step ExecutionContext. */
	public static final String CONTEXT_PREFIX = "archive.count.";

	private static final Pattern KEY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");

	/** Checks the key's form: lower-case words joined by dots, e.g. {@code channels.listed.live}. */
	public Counter {
		if (!KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("A counter key is lower-case words joined by dots, not " + key);
		}
	}

	/** The key in a step's ExecutionContext. */
	public String contextKey() {
		return CONTEXT_PREFIX + this.key;
	}

}
