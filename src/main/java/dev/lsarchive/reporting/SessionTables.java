package dev.lsarchive.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.normalize.SessionEvents;

/**
 * The one home of the session tables ({@code reporting.publish_session},
 * {@code reporting.recording_session}): the event writer marks the channels whose start or end
 * events it archived, with the earliest of them, in the events' own transaction, and the channel
 * writer those it listed not publishing while a session of theirs had not ended (a session ends at
 * its end event or when its channel is first seen not publishing, see {@code reporting.sessions}); the refresh
 * recomputes, for the marked channels only, the sessions from the last session row before the new
 * marks on (its pairing may change; older sessions cannot), a batch of channels per transaction
 * (readers see the old sessions until it commits). A night therefore costs what it brought, not what the archive
 * or a channel's history holds. A change of the business time zone recomputes everything. When most of the
 * archive's channels are due from their first mark (a first load, a new time zone), their marks are read in one
 * pass instead ({@code reporting.sessions_in_one_pass}: the same rows), one statement per table.
 */
public final class SessionTables {

	private static final Logger log = LoggerFactory.getLogger(SessionTables.class);

	private static final String MARK = """
			INSERT INTO reporting.session_stale AS s (channel_id, since)
			SELECT m.channel_id, min(m.occurred_at) FROM unnest(?::text[], ?::timestamptz[]) AS m(channel_id, occurred_at)
			GROUP BY m.channel_id ORDER BY m.channel_id
			ON CONFLICT (channel_id) DO UPDATE SET since = least(s.since, excluded.since)
			""";

	// a channel listed with another status than PUBLISHING ends, at the instant of the listing, its
	// session that had not ended by then: the last session row (of either table) whose own mark is not
	// after that instant, when it is a start not ended before it. Two index lookups per channel on the
	// row's own mark; earlier rows ended before the next one started
	private static final String MARK_SEEN = """
			INSERT INTO reporting.session_stale AS s (channel_id, since)
			SELECT i.channel_id, ?::timestamptz FROM unnest(?::text[], ?::text[]) AS i(channel_id, channel_status)
			WHERE i.channel_status <> 'PUBLISHING'
			  AND (EXISTS (SELECT 1 FROM (SELECT t.started_at, t.ended_at FROM reporting.publish_session t
			                              WHERE t.channel_id = i.channel_id AND coalesce(t.started_at, t.ended_at) <= ?::timestamptz
			                              ORDER BY coalesce(t.started_at, t.ended_at) DESC LIMIT 1) last
			               WHERE last.started_at IS NOT NULL AND coalesce(last.ended_at, 'infinity') > ?::timestamptz)
			    OR EXISTS (SELECT 1 FROM (SELECT t.started_at, t.ended_at FROM reporting.recording_session t
			                              WHERE t.channel_id = i.channel_id AND coalesce(t.started_at, t.ended_at) <= ?::timestamptz
			                              ORDER BY coalesce(t.started_at, t.ended_at) DESC LIMIT 1) last
			               WHERE last.started_at IS NOT NULL AND coalesce(last.ended_at, 'infinity') > ?::timestamptz))
			GROUP BY i.channel_id ORDER BY i.channel_id
			ON CONFLICT (channel_id) DO UPDATE SET since = least(s.since, excluded.since)
			""";

	private static final String STALE = "SELECT channel_id FROM reporting.session_stale ORDER BY channel_id LIMIT ?";

	// the batch's marks are locked for its transaction: a writer marking one of them meanwhile waits,
	// then marks it anew
	private static final String BATCH = """
			SELECT channel_id FROM reporting.session_stale ORDER BY channel_id LIMIT ? FOR UPDATE
			""";

	private static final String FORGET = "DELETE FROM reporting.session_stale WHERE channel_id = ANY (?::text[])";

	private static final String MARK_ALL = """
			INSERT INTO reporting.session_stale AS s (channel_id, since)
			SELECT DISTINCT channel_id, '-infinity'::timestamptz FROM livestation.channel_event
			ON CONFLICT (channel_id) DO UPDATE SET since = excluded.since
			""";

	// table names come from this list, never from input
	private static final List<Kept> TABLES = List.of(new Kept("reporting.publish_session", SessionEvents.PUBLISH),
			new Kept("reporting.recording_session", SessionEvents.RECORDING));

	// per channel of a batch: the mark of its last session row before its new marks. That row, and
	// every one after it, is recomputed from the marks from there on: an older row's pairing cannot
	// change (its end, if any, came before), and every mark after it is a row or the end of one
	private static final String RECOMPUTE_FROM = """
			SELECT s.channel_id,
			       (SELECT coalesce(t.started_at, t.ended_at) FROM %1$s t
			        WHERE t.channel_id = s.channel_id AND coalesce(t.started_at, t.ended_at) < s.since
			        ORDER BY coalesce(t.started_at, t.ended_at) DESC LIMIT 1)
			FROM reporting.session_stale s WHERE s.channel_id = ANY (?::text[])
			""";

	// one channel at a time (a batch of statements): an index range on the row's own mark, whatever
	// plan a join over a million rows would have tempted the planner into
	private static final String CLEAR = """
			DELETE FROM %1$s t
			WHERE t.channel_id = ? AND coalesce(t.started_at, t.ended_at) >= coalesce(?::timestamptz, '-infinity')
			""";

	// %2$s: reporting.sessions (an index range per channel) or reporting.sessions_in_one_pass (the same rows)
	private static final String RECOMPUTE = """
			INSERT INTO %1$s (channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
			    is_orphan_end, day, hour, session_key, ended_by)
			SELECT x.channel_id, x.started_at, x.ended_at, x.duration_minutes, x.is_open, x.is_unterminated, x.is_orphan_end,
			       (coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::date,
			       extract(hour FROM coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::integer,
			       x.mark_key, x.ended_by
			FROM %2$s(?::text, ?::text, ?::text[], ?::timestamptz[]) x
			CROSS JOIN reporting.setting s
			""";

	private static final String PER_CHANNEL = "reporting.sessions";

	private static final String ONE_PASS = "reporting.sessions_in_one_pass";

	// channels recomputed per transaction: bounded work and locks, whatever the archive's size
	private static final int CHANNELS_PER_BATCH = 500;

	// a first load, a new time zone: at least half of the archive's channels are due from their first mark on
	// (no session row before their marks). Their marks are then most of the table, cheaper read in one pass
	// than by an index range per channel; a night's few channels, or many from their last session on, are not
	private static final String ONE_PASS_DUE = """
			SELECT count(*) > 0 AND 2 * count(*) >= (SELECT count(*) FROM livestation.channel)
			FROM reporting.session_stale s
			WHERE NOT EXISTS (SELECT 1 FROM reporting.publish_session t
			                  WHERE t.channel_id = s.channel_id AND coalesce(t.started_at, t.ended_at) < s.since)
			  AND NOT EXISTS (SELECT 1 FROM reporting.recording_session t
			                  WHERE t.channel_id = s.channel_id AND coalesce(t.started_at, t.ended_at) < s.since)
			""";

	private static final String EMPTY = "SELECT NOT EXISTS (SELECT 1 FROM %1$s)";

	// a table's indexes: by their constraint (name, definition) when one owns them, else by name and definition
	// (the key first: the others may rely on it)
	private static final String KEYS = """
			SELECT quote_ident(c.conname), pg_get_constraintdef(c.oid),
			       format('%I.%I', n.nspname, i.relname), pg_get_indexdef(x.indexrelid)
			FROM pg_index x
			JOIN pg_class i ON i.oid = x.indexrelid
			JOIN pg_namespace n ON n.oid = i.relnamespace
			LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
			WHERE x.indrelid = ?::regclass
			ORDER BY x.indisprimary DESC, i.relname
			""";

	private static final String ALL_STALE = "SELECT channel_id FROM reporting.session_stale ORDER BY channel_id FOR UPDATE";

	// the rows of the channels recomputed in one pass, from each one's instant on, in one statement
	private static final String CLEAR_ALL = """
			DELETE FROM %1$s t USING unnest(?::text[], ?::timestamptz[]) AS f(channel_id, read_from)
			WHERE t.channel_id = f.channel_id AND coalesce(t.started_at, t.ended_at) >= coalesce(f.read_from, '-infinity')
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	SessionTables(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Marks the channels of events just archived whose code starts or ends a session, with the
	 * earliest such event, on the transaction's {@code connection}; the arrays are parallel.
	 */
	public static void mark(Connection connection, String[] channelIds, String[] codes, long[] occurredAtMillis)
			throws SQLException {
		// a channel's earliest such event is all its mark keeps: sent once per channel, not once per event (a chunk of
		// a thousand events is one or two channels, and binding a timestamp costs the driver more than the mark)
		Map<String, Long> earliest = new LinkedHashMap<>();
		for (int i = 0; i < channelIds.length; i++) {
			if (SessionEvents.isSessionCode(codes[i])) {
				earliest.merge(channelIds[i], occurredAtMillis[i], Math::min);
			}
		}
		if (earliest.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(MARK)) {
			SqlArrays.bind(statement, 1, "text", earliest.keySet().toArray());
			SqlArrays.bind(statement, 2, "timestamptz", earliest.values().stream().map(Timestamp::new).toArray());
			statement.executeUpdate();
		}
	}

	/**
	 * Marks the channels a run listed, in its transaction ({@code jdbc}), whose listed status is not
	 * PUBLISHING while a session of theirs had not ended by {@code observedAt}: the listing ends it. The
	 * arrays are parallel.
	 */
	public static void markSeen(JdbcTemplate jdbc, Object[] channelIds, Object[] statuses, Timestamp observedAt) {
		jdbc.update(MARK_SEEN, (ps) -> {
			ps.setTimestamp(1, observedAt);
			SqlArrays.bind(ps, 2, "text", channelIds);
			SqlArrays.bind(ps, 3, "text", statuses);
			for (int i = 4; i <= 7; i++) {
				ps.setTimestamp(i, observedAt);
			}
		});
	}

	/** Whether some channel's sessions are to be recomputed. */
	boolean anyStale() {
		return !this.jdbc.queryForList(STALE, String.class, 1).isEmpty();
	}

	/** Marks every channel: the next {@link #recomputeStale()} recomputes them all (a new time zone). */
	void markAll() {
		this.jdbc.update(MARK_ALL);
	}

	/**
	 * Recomputes the sessions of every marked channel, in one pass over the marks when most of the
	 * archive's channels are due from their first mark on, else a batch of channels at a time (both give
	 * the same rows); returns how many channels.
	 */
	long recomputeStale() {
		long channels = 0;
		if (onePassDue()) {
			channels += recomputeStaleInOnePass();
			log.info("Sessions of {} channels recomputed in one pass", channels);
		}
		// what was marked meanwhile, or everything on an ordinary night
		return channels + recomputeStaleChannelByChannel();
	}

	/** Whether most of the archive's channels are due from their first mark on (see {@code ONE_PASS_DUE}). */
	boolean onePassDue() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(ONE_PASS_DUE, Boolean.class));
	}

	/** Recomputes the sessions of every marked channel in one transaction, one statement per table; returns how many. */
	long recomputeStaleInOnePass() {
		Integer done = this.transaction.execute((status) -> {
			this.jdbc.execute("SET LOCAL jit = off");
			// the marks of every channel sorted at once, in memory
			this.jdbc.execute("SET LOCAL work_mem = '64MB'");
			lockTables("ACCESS EXCLUSIVE");
			Object[] ids = this.jdbc.queryForList(ALL_STALE, String.class).toArray();
			if (ids.length > 0) {
				for (Kept table : TABLES) {
					List<Object[]> from = readFrom(table, ids);
					Object[] stale = from.stream().map((row) -> row[0]).toArray();
					Object[] instants = from.stream().map((row) -> row[1]).toArray();
					this.jdbc.update(CLEAR_ALL.formatted(table.name()), (ps) -> {
						SqlArrays.bind(ps, 1, "text", stale);
						SqlArrays.bind(ps, 2, "timestamptz", instants);
					});
					List<String> keys = emptied(table) ? dropKeys(table) : List.of();
					insert(table, ONE_PASS, stale, instants);
					keys.forEach(this.jdbc::execute);
				}
				this.jdbc.update(FORGET, (ps) -> SqlArrays.bind(ps, 1, "text", ids));
			}
			return ids.length;
		});
		return (done != null) ? done : 0;
	}

	/** Recomputes the sessions of every marked channel a batch of channels at a time; returns how many. */
	long recomputeStaleChannelByChannel() {
		long channels = 0;
		while (true) {
			Integer done = this.transaction.execute((status) -> {
				// the plans read a few index entries per channel; compiling them (JIT, which a big
				// table's estimates switch on) would cost more than running them
				this.jdbc.execute("SET LOCAL jit = off");
				lockTables("ROW EXCLUSIVE");
				Object[] ids = this.jdbc.queryForList(BATCH, String.class, CHANNELS_PER_BATCH).toArray();
				if (ids.length == 0) {
					return 0;
				}
				for (Kept table : TABLES) {
					List<Object[]> from = readFrom(table, ids);
					Object[] stale = from.stream().map((row) -> row[0]).toArray();
					Object[] instants = from.stream().map((row) -> row[1]).toArray();
					this.jdbc.batchUpdate(CLEAR.formatted(table.name()), from);
					insert(table, PER_CHANNEL, stale, instants);
				}
				this.jdbc.update(FORGET, (ps) -> SqlArrays.bind(ps, 1, "text", ids));
				return ids.length;
			});
			if (done == null || done == 0) {
				return channels;
			}
			channels += done;
		}
	}

	// Both recomputations lock the session tables first, before any mark: one that took marks and then waited
	// for a table another run's recomputation held (wanting a mark in turn) was a deadlock. The one pass
	// excludes everyone; batches of channels exclude only it, and wait for each other on their marks
	private void lockTables(String mode) {
		this.jdbc.execute("LOCK TABLE " + TABLES.stream().map(Kept::name).collect(Collectors.joining(", ")) + " IN "
				+ mode + " MODE");
	}

	private boolean emptied(Kept table) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(EMPTY.formatted(table.name()), Boolean.class));
	}

	// a table filled whole (a first load, a new time zone) builds its keys once after the rows, several times
	// faster than keeping them row by row: they are dropped here, and returned as the statements that build them
	// again as they stand in the catalog (defined once, by the migrations). Readers wait for the commit rather
	// than see the table half filled
	private List<String> dropKeys(Kept table) {
		this.jdbc.execute("LOCK TABLE " + table.name() + " IN ACCESS EXCLUSIVE MODE");
		List<String> build = new ArrayList<>();
		List<String> drop = new ArrayList<>();
		this.jdbc.query(KEYS, (rs) -> {
			String name = rs.getString(1);
			String constraint = rs.getString(2);
			if (constraint != null) {
				drop.add("ALTER TABLE " + table.name() + " DROP CONSTRAINT " + name);
				build.add("ALTER TABLE " + table.name() + " ADD CONSTRAINT " + name + " " + constraint);
			}
			else {
				drop.add("DROP INDEX " + rs.getString(3));
				build.add(rs.getString(4));
			}
		}, table.name());
		drop.forEach(this.jdbc::execute);
		return build;
	}

	// per channel of ids: the mark of its last session row in table before its new marks (null: none)
	private List<Object[]> readFrom(Kept table, Object[] ids) {
		return this.jdbc.query(RECOMPUTE_FROM.formatted(table.name()), (ps) -> SqlArrays.bind(ps, 1, "text", ids),
				(rs, n) -> new Object[] { rs.getString(1), rs.getTimestamp(2) });
	}

	private void insert(Kept table, String function, Object[] channelIds, Object[] readFrom) {
		this.jdbc.update(RECOMPUTE.formatted(table.name(), function), (ps) -> {
			ps.setString(1, table.codes().start());
			ps.setString(2, table.codes().end());
			SqlArrays.bind(ps, 3, "text", channelIds);
			SqlArrays.bind(ps, 4, "timestamptz", readFrom);
		});
	}

	// a session table and the events whose sessions it keeps
	private record Kept(String name, SessionEvents codes) {
	}

}
