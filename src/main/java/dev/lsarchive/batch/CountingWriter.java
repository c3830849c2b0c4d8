package dev.lsarchive.batch;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * A writer that counts what it did per chunk and publishes the counts to the step's
 * ExecutionContext only when the chunk commits: {@link #update} runs inside the commit, while a
 * failed chunk's counts are dropped with its rows (also when the commit itself fails, see
 * {@link CommittedState}), so that the ledger never counts a rolled-back row.
 *
 * @param <T> the item type
 */
public abstract class CountingWriter<T> implements ItemStreamWriter<T> {

	// by context key
	private final Map<String, Long> committed = new HashMap<>();

	private final Map<String, Long> pending = new HashMap<>();

	@Override
	public final void write(Chunk<? extends T> chunk) throws Exception {
		this.pending.clear();
		writeChunk(chunk);
	}

	/** Writes one chunk, calling {@link #count} for what it did. */
	protected abstract void writeChunk(Chunk<? extends T> chunk) throws Exception;

	/**
	 * Counts what became of a chunk's records of {@code resource}, by the one rule of the ledger: every
	 * record read is written, unchanged (archived already) or quarantined.
	 *
	 * @param read records read
	 * @param rows rows that reached the database write (the others were quarantined by normalization)
	 * @param result what the write did with them
	 * @param quarantined records quarantined, by normalization or by the database
	 */
	protected void countChunk(ArchivedResource resource, long read, int rows, DataErrorScan.Result<?> result,
			int quarantined) {
		count(resource.counter(Tally.READ), read);
		count(resource.counter(Tally.WRITTEN), result.written());
		count(resource.counter(Tally.UNCHANGED), rows - result.refused().size() - result.written());
		count(resource.counter(Tally.QUARANTINED), quarantined);
	}

	/** Adds {@code delta} to {@code counter} for the chunk being written. */
	protected void count(Counter counter, long delta) {
		this.pending.merge(counter.contextKey(), delta, Long::sum);
	}

	@Override
	public void open(ExecutionContext context) {
		this.committed.clear();
		this.pending.clear();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			if (entry.getKey().startsWith(Counter.CONTEXT_PREFIX) && entry.getValue() instanceof Number number) {
				this.committed.put(entry.getKey(), number.longValue());
			}
		}
	}

	@Override
	public void update(ExecutionContext context) {
		Map<String, Long> before = new HashMap<>(this.committed);
		CommittedState.guardPrefix(context, Counter.CONTEXT_PREFIX, () -> {
			this.committed.clear();
			this.committed.putAll(before);
		});
		// only what this writer counted: the context holds the rest (a reader's counts of its listing) as it is
		this.pending.forEach((key, delta) -> context.putLong(key, this.committed.merge(key, delta, Long::sum)));
		this.pending.clear();
	}

}
