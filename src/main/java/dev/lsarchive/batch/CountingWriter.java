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

	/** Prefix of every counter key in a step ExecutionContext. */
	public static final String PREFIX = "archive.count.";

	private final Map<String, Long> committed = new HashMap<>();

	private final Map<String, Long> pending = new HashMap<>();

	@Override
	public final void write(Chunk<? extends T> chunk) throws Exception {
		this.pending.clear();
		writeChunk(chunk);
	}

	/** Writes one chunk, calling {@link #count} for what it did. */
	protected abstract void writeChunk(Chunk<? extends T> chunk) throws Exception;

	/** Adds {@code delta} to counter {@code name} for the chunk being written. */
	protected void count(String name, long delta) {
		this.pending.merge(name, delta, Long::sum);
	}

	@Override
	public void open(ExecutionContext context) {
		this.committed.clear();
		this.pending.clear();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			if (entry.getKey().startsWith(PREFIX) && entry.getValue() instanceof Number number) {
				this.committed.put(entry.getKey().substring(PREFIX.length()), number.longValue());
			}
		}
	}

	@Override
	public void update(ExecutionContext context) {
		Map<String, Long> before = new HashMap<>(this.committed);
		CommittedState.guardPrefix(context, PREFIX, () -> {
			this.committed.clear();
			this.committed.putAll(before);
		});
		this.pending.forEach((name, delta) -> this.committed.merge(name, delta, Long::sum));
		this.pending.clear();
		this.committed.forEach((name, value) -> context.putLong(PREFIX + name, value));
	}

}
