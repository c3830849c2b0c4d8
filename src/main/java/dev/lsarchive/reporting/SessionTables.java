package dev.lsarchive.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one home of the session tables ({@code reporting.publish_session},
 * {@code reporting.recording_session}): the event writer marks the channels whose start or end
 * events it archived, in the events' own transaction; the refresh recomputes the sessions of the
 * marked channels only, a batch of channels per transaction (readers see the old sessions until it
 * commits), so that a night costs what it brought, not what the archive holds. A change of the
 * business time zone recomputes every channel.
 */
public final class SessionTables {

	/** The event codes that start or end a session: only they change sessions. */
	static final Set<String> MARKS = Set.of("PUBLISH_START", "PUBLISH_END", "ONAIR_START", "ONAIR_END");

	private static final String MARK = """
			INSERT INTO reporting.session_stale (channel_id) SELECT DISTINCT unnest(?::text[])
			ON CONFLICT (channel_id) DO NOTHING
			""";

	private static final String STALE = "SELECT channel_id FROM reporting.session_stale ORDER BY channel_id LIMIT ?";

	private static final String FORGET = "DELETE FROM reporting.session_stale WHERE channel_id = ANY (?::text[])";

	private static final String MARK_ALL = """
			INSERT INTO reporting.session_stale (channel_id) SELECT DISTINCT channel_id FROM livestation.channel_event
			ON CONFLICT (channel_id) DO NOTHING
			""";

	// table names and codes come from this list, never from input
	private static final List<String[]> TABLES = List.of(
			new String[] { "reporting.publish_session", "PUBLISH_START", "PUBLISH_END" },
			new String[] { "reporting.recording_session", "ONAIR_START", "ONAIR_END" });

	private static final String RECOMPUTE = """
			INSERT INTO %s (channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
			    is_orphan_end, day, hour, session_key)
			SELECT x.channel_id, x.started_at, x.ended_at, x.duration_minutes, x.is_open, x.is_unterminated, x.is_orphan_end,
			       (coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::date,
			       extract(hour FROM coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::integer,
			       x.mark_key
			FROM reporting.sessions('%s', '%s', ?::text[]) x CROSS JOIN reporting.setting s
			""";

	private static final String CLEAR = "DELETE FROM %s WHERE channel_id = ANY (?::text[])";

	// channels recomputed per transaction: bounded work and locks, whatever the archive's size
	private static final int CHANNELS_PER_BATCH = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	SessionTables(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Marks the channels of events just archived whose code starts or ends a session, on the
	 * transaction's {@code connection}; the arrays are parallel.
	 */
	public static void mark(Connection connection, String[] channelIds, String[] codes) throws SQLException {
		Set<String> marked = new LinkedHashSet<>();
		for (int i = 0; i < channelIds.length; i++) {
			if (MARKS.contains(codes[i])) {
				marked.add(channelIds[i]);
			}
		}
		if (marked.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(MARK)) {
			statement.setArray(1, connection.createArrayOf("text", marked.toArray()));
			statement.executeUpdate();
		}
	}

	/** Whether some channel's sessions are to be recomputed. */
	boolean anyStale() {
		return !this.jdbc.queryForList(STALE, String.class, 1).isEmpty();
	}

	/** Marks every channel: the next {@link #recomputeStale()} recomputes them all (a new time zone). */
	void markAll() {
		this.jdbc.update(MARK_ALL);
	}

	/** Recomputes the sessions of every marked channel; returns how many channels. */
	long recomputeStale() {
		long channels = 0;
		while (true) {
			List<String> batch = this.jdbc.queryForList(STALE, String.class, CHANNELS_PER_BATCH);
			if (batch.isEmpty()) {
				return channels;
			}
			String[] ids = batch.toArray(String[]::new);
			this.transaction.executeWithoutResult((status) -> {
				for (String[] table : TABLES) {
					this.jdbc.update(CLEAR.formatted(table[0]), (Object) ids);
					this.jdbc.update(RECOMPUTE.formatted(table[0], table[1], table[2]), (Object) ids);
				}
				this.jdbc.update(FORGET, (Object) ids);
			});
			channels += ids.length;
		}
	}

}
