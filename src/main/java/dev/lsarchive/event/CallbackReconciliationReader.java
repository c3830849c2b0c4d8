package dev.lsarchive.event;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The channels the callbacks step reconciles, one channel id per item, in channel order: every
 * channel with a coverage (its callbacks, gaps and pulled events can be judged) and every channel with
 * a callback not reconciled yet (it is counted as waiting). Its position, the last channel of the
 * committed chunk, is saved with the chunk, so that a restarted step goes on after it.
 */
class CallbackReconciliationReader implements ItemStreamReader<String> {

	static final String AFTER = "callbacks.after_channel";

	private static final String CHANNELS = """
			SELECT channel_id FROM livestation.event_coverage WHERE channel_id > ?
			UNION
			SELECT DISTINCT channel_id FROM livestation.event_callback WHERE reconciled_at IS NULL AND channel_id > ?
			ORDER BY 1
			""";

	private final JdbcTemplate jdbc;

	private List<String> channels = List.of();

	private int next;

	private @Nullable String last;

	CallbackReconciliationReader(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void open(ExecutionContext context) {
		this.last = context.containsKey(AFTER) ? context.getString(AFTER) : null;
		String after = (this.last != null) ? this.last : "";
		this.channels = this.jdbc.queryForList(CHANNELS, String.class, after, after);
		this.next = 0;
	}

	@Override
	public @Nullable String read() {
		if (this.next >= this.channels.size()) {
			return null;
		}
		this.last = this.channels.get(this.next++);
		return this.last;
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.last != null) {
			context.putString(AFTER, this.last);
		}
	}

	@Override
	public void close() {
		this.channels = List.of();
	}

}
