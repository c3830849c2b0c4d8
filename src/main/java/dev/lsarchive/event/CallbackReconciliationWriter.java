package dev.lsarchive.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.lsarchive.batch.CountingWriter;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.batch.Tally;
import dev.lsarchive.recording.RecordingChecks;
import dev.lsarchive.reporting.DailyCounts;
import dev.lsarchive.reporting.SessionTables;

/**
 * Reconciles the callbacks of a chunk of channels with their pulled events, in the chunk's
 * transaction, one set-based statement per rule:
 * <ol>
 * <li>an event archived from its callback alone on an earlier night that a list has shown since (it lagged
 * beyond the grace) is held once: the pulled event takes the callback's id and the copy goes;</li>
 * <li>each callback whose instant the channel's event list has covered ({@code occurred_at <=
 * event_coverage.covered_through}) is matched to a pulled event of the same channel, code, level and
 * instant, several alike at one instant by count (the n-th callback of the group to the n-th event);
 * the event gets its id;</li>
 * <li>a covered callback left without a match, older than the list's read instant by the grace
 * ({@code archive.callback-grace}), was never shown by a list: its event is archived from it alone ({@code event_source = callback}), counted into the day counts and marked for the session
 * tables and the recordings step as any archived event;</li>
 * <li>a window of possible loss that the receivers' windows cover completely, from its start through
 * the grace after its end (so that deliveries retried late had time to arrive), is marked filled;</li>
 * <li>the pulled events that have become judgeable (covered, and older than the grace) are judged
 * once: those inside a receiver's window that no callback matched are counted as missed by the
 * receiver.</li>
 * </ol>
 * Callbacks not covered yet wait for a later night. Everything it changes is keyed on what it has not
 * done yet (callbacks not reconciled, gaps not filled, events after the channel's judged mark), so a
 * re-run changes nothing and a restarted step neither loses nor doubles anything.
 */
class CallbackReconciliationWriter extends CountingWriter<String> {

	// the batch's covered callbacks not reconciled yet, locked: the one set both the match and the
	// archiving work on, whatever the receiver stores meanwhile (that waits for the next night)
	private static final String COVERED = """
			SELECT c.event_id, c.channel_id, c.event_code, c.log_level,
			       (extract(epoch FROM c.occurred_at) * 1000)::bigint, c.timestamp_scaled,
			       (extract(epoch FROM v.covered_through) * 1000)::bigint
			FROM livestation.event_callback c
			JOIN livestation.event_coverage v ON v.channel_id = c.channel_id
			WHERE c.channel_id = ANY (?::text[]) AND c.reconciled_at IS NULL AND c.occurred_at <= v.covered_through
			ORDER BY c.channel_id, c.occurred_at, c.event_id
			FOR UPDATE OF c
			""";

	// the pulled events that no callback matched yet at the instants of the callbacks "cb", numbered per channel, code,
	// level and instant: the n-th callback of such a group goes to the n-th of them (MATCH, SHOWN_LATE)
	private static final String UNMATCHED_AT_CALLBACKS = """
			), ev AS (
			    SELECT e.channel_id, e.occurred_at, e.event_key, e.event_code, coalesce(e.log_level, '') AS level,
			           row_number() OVER (PARTITION BY e.channel_id, e.event_code, coalesce(e.log_level, ''), e.occurred_at
			                              ORDER BY e.event_key) AS n
			    FROM livestation.channel_event e
			    WHERE e.event_source = 'list' AND e.event_id IS NULL
			      AND (e.channel_id, e.occurred_at) IN (SELECT channel_id, occurred_at FROM cb)
			""";

	// the n-th callback of a (channel, code, level, instant) to the n-th pulled event of it not matched yet
	private static final String MATCH = """
			WITH cb AS (
			    SELECT c.event_id, c.channel_id, c.event_code, coalesce(c.log_level, '') AS level, c.occurred_at,
			           row_number() OVER (PARTITION BY c.channel_id, c.event_code, coalesce(c.log_level, ''), c.occurred_at
			                              ORDER BY c.event_id) AS n
			    FROM livestation.event_callback c
			    WHERE c.event_id = ANY (?::bigint[])
			""" + UNMATCHED_AT_CALLBACKS + """
			), tagged AS (
			    UPDATE livestation.channel_event e SET event_id = cb.event_id
			    FROM cb JOIN ev ON ev.channel_id = cb.channel_id AND ev.occurred_at = cb.occurred_at
			        AND ev.event_code = cb.event_code AND ev.level = cb.level AND ev.n = cb.n
			    WHERE e.channel_id = ev.channel_id AND e.occurred_at = ev.occurred_at AND e.event_key = ev.event_key
			    RETURNING e.event_id
			)
			UPDATE livestation.event_callback c SET reconciliation = 'MATCHED', reconciled_at = now()
			FROM tagged t WHERE c.event_id = t.event_id
			RETURNING c.event_id
			""";

	// events archived from their callbacks alone that a later list showed after all (a list that lagged beyond the
	// grace): each callback's copy paired with a pulled event of the same channel, code, level and instant that no
	// callback matched, by count as MATCH pairs them. Sought from the oldest event of the channel's last list on:
	// a list shows nothing older, and the copies before it were sought when their lists were read
	private static final String SHOWN_LATE = """
			WITH cb AS (
			    SELECT e.channel_id, e.occurred_at, e.event_key, e.event_id, e.event_code, e.log_level,
			           row_number() OVER (PARTITION BY e.channel_id, e.event_code, coalesce(e.log_level, ''), e.occurred_at
			                              ORDER BY e.event_id) AS n
			    FROM livestation.channel_event e
			    JOIN livestation.event_coverage v ON v.channel_id = e.channel_id
			    WHERE e.channel_id = ANY (?::text[]) AND e.event_source = 'callback' AND e.occurred_at >= v.last_list_oldest
			""" + UNMATCHED_AT_CALLBACKS + """
			)
			SELECT cb.event_id, cb.event_key, ev.event_key, cb.channel_id, cb.event_code, cb.log_level,
			       (extract(epoch FROM cb.occurred_at) * 1000)::bigint
			FROM cb JOIN ev ON ev.channel_id = cb.channel_id AND ev.occurred_at = cb.occurred_at
			    AND ev.event_code = cb.event_code AND ev.level = coalesce(cb.log_level, '') AND ev.n = cb.n
			ORDER BY cb.channel_id, cb.occurred_at, cb.event_id
			""";

	// the callbacks' copies go first (the id is unique among events), then the pulled events take the ids; a copy
	// another run took meanwhile is not returned, and its pair is left to that run
	private static final String DROP_COPIES = """
			DELETE FROM livestation.channel_event e
			USING unnest(?::text[], ?::bigint[], ?::uuid[]) AS c(channel_id, occurred_ms, event_key)
			WHERE e.channel_id = c.channel_id AND e.occurred_at = timestamptz 'epoch' + c.occurred_ms * interval '1 millisecond'
			  AND e.event_key = c.event_key AND e.event_source = 'callback'
			RETURNING e.event_id
			""";

	private static final String TAG_SHOWN = """
			UPDATE livestation.channel_event e SET event_id = p.event_id
			FROM unnest(?::text[], ?::bigint[], ?::uuid[], ?::bigint[]) AS p(channel_id, occurred_ms, event_key, event_id)
			WHERE e.channel_id = p.channel_id AND e.occurred_at = timestamptz 'epoch' + p.occurred_ms * interval '1 millisecond'
			  AND e.event_key = p.event_key AND e.event_id IS NULL
			""";

	private static final String MATCHED_LATE = """
			UPDATE livestation.event_callback SET reconciliation = 'MATCHED', reconciled_at = now()
			WHERE event_id = ANY (?::bigint[])
			""";

	// a key or an id archived already (none is, unless a callback was reset) is not archived twice
	private static final String ARCHIVE = """
			INSERT INTO livestation.channel_event (event_key, channel_id, event_code, log_level, description, occurred_at,
			    timestamp_scaled, channel_source, event_id, event_source)
			SELECT a.event_key, a.channel_id, a.event_code, a.log_level, NULL,
			       timestamptz 'epoch' + a.occurred_ms * interval '1 millisecond', a.scaled, 'callback', a.event_id, 'callback'
			FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::bigint[])
			    AS a(event_key, channel_id, event_code, log_level, occurred_ms, scaled, event_id)
			ON CONFLICT DO NOTHING
			RETURNING event_id
			""";

	private static final String ARCHIVED = """
			UPDATE livestation.event_callback SET reconciliation = 'ARCHIVED', reconciled_at = now()
			WHERE event_id = ANY (?::bigint[])
			""";

	// the receivers' windows merged where they overlap or touch (any instance): a window of possible
	// loss inside one of these islands, end to end, had a receiver up throughout. Plain window functions
	// rather than range_agg, which PostgreSQL 13 lacks
	private static final String FILL_GAPS = """
			WITH windows AS (
			    SELECT up_from, up_through,
			           max(up_through) OVER (ORDER BY up_from, up_through
			                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
			    FROM livestation.callback_receiver_window
			), islands AS (
			    SELECT up_from, up_through,
			           count(*) FILTER (WHERE reached IS NULL OR up_from > reached) OVER (ORDER BY up_from, up_through) AS island
			    FROM windows
			), up AS (
			    SELECT min(up_from) AS up_from, max(up_through) AS up_through FROM islands GROUP BY island
			)
			UPDATE livestation.event_gap g SET filled_at = now()
			WHERE g.channel_id = ANY (?::text[]) AND g.filled_at IS NULL
			  AND EXISTS (SELECT 1 FROM up WHERE up.up_from <= g.after_at AND up.up_through >= g.before_at + ?::interval)
			  AND NOT EXISTS (SELECT 1 FROM livestation.event_callback c
			                  WHERE c.channel_id = g.channel_id AND c.reconciled_at IS NULL
			                    AND c.occurred_at BETWEEN g.after_at AND g.before_at)
			RETURNING g.detected_run_date = ?::date
			""";

	// each channel's pulled events from its judged mark through its horizon (covered, and older than the
	// grace) are judged once: those inside a receiver's window that no callback matched are missed
	private static final String JUDGE = """
			WITH judged AS (
			    SELECT v.channel_id, v.receiver_checked_through AS after_at,
			           least(v.covered_through, ?::timestamptz) AS through_at
			    FROM livestation.event_coverage v
			    WHERE v.channel_id = ANY (?::text[])
			      AND least(v.covered_through, ?::timestamptz) > coalesce(v.receiver_checked_through, '-infinity')
			), missed AS (
			    SELECT j.channel_id, j.through_at,
			           (SELECT count(*) FROM livestation.channel_event e
			            WHERE e.channel_id = j.channel_id
			              AND e.occurred_at > coalesce(j.after_at, '-infinity') AND e.occurred_at <= j.through_at
			              AND e.occurred_at >= (SELECT min(w.up_from) FROM livestation.callback_receiver_window w)
			              AND e.event_source = 'list' AND e.event_id IS NULL
			              AND EXISTS (SELECT 1 FROM livestation.callback_receiver_window w
			                          WHERE e.occurred_at BETWEEN w.up_from AND w.up_through)) AS events
			    FROM judged j
			)
			UPDATE livestation.event_coverage v
			SET events_missed_by_receiver = v.events_missed_by_receiver + m.events, receiver_checked_through = m.through_at
			FROM missed m WHERE v.channel_id = m.channel_id
			RETURNING m.events
			""";

	private static final String WAITING = """
			SELECT count(*) FROM livestation.event_callback WHERE channel_id = ANY (?::text[]) AND reconciled_at IS NULL
			""";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final DailyCounts dailyCounts;

	private final Clock clock;

	private final Duration grace;

	// the windows found by this run date's runs are told apart from older ones in the summary
	private final LocalDate runDate;

	// false during a first load: the reporting refresh step counts the days once instead
	private boolean countDays = true;

	// one horizon for the step: the pulled events older than the grace by its start are judged
	private Instant horizon = Instant.EPOCH;

	CallbackReconciliationWriter(JdbcTemplate jdbc, Clock clock, Duration grace, LocalDate runDate) {
		this.runDate = runDate;
		this.dataSource = jdbc.getDataSource();
		this.jdbc = jdbc;
		this.dailyCounts = new DailyCounts(jdbc);
		this.clock = clock;
		this.grace = grace;
	}

	@Override
	public void open(ExecutionContext context) {
		super.open(context);
		this.countDays = this.dailyCounts.keptByWriters();
		this.horizon = this.clock.instant().minus(this.grace);
	}

	@Override
	protected void writeChunk(Chunk<? extends String> chunk) throws SQLException {
		Object[] channels = chunk.getItems().toArray();
		int shownLate = pairShownLate(channels);
		List<Covered> covered = this.jdbc.query(COVERED, (ps) -> SqlArrays.bind(ps, 1, "text", channels),
				(rs, n) -> new Covered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
						rs.getBoolean(6), rs.getLong(7)));
		Set<Long> matched = covered.isEmpty() ? Set.of() : new HashSet<>(this.jdbc.query(MATCH,
				(ps) -> SqlArrays.bind(ps, 1, "int8", covered.stream().map(Covered::eventId).toArray()),
				(rs, n) -> rs.getLong(1)));
		// an event newer than its list by less than the grace may still show in a later list (a list that lags,
		// a clock behind the job's): it waits rather than be archived once from its callback and again from that list
		long graceMillis = this.grace.toMillis();
		List<Covered> unshown = covered.stream()
			.filter((callback) -> !matched.contains(callback.eventId()))
			.filter((callback) -> callback.occurredAtMillis() <= callback.coveredThroughMillis() - graceMillis)
			.toList();
		archive(unshown);
		List<Boolean> filled = this.jdbc.query(FILL_GAPS, (ps) -> {
			SqlArrays.bind(ps, 1, "text", channels);
			ps.setString(2, this.grace.toMillis() + " milliseconds");
			ps.setObject(3, this.runDate);
		}, (rs, n) -> rs.getBoolean(1));
		Timestamp horizon = Timestamp.from(this.horizon);
		long missed = this.jdbc.query(JUDGE, (ps) -> {
			ps.setTimestamp(1, horizon);
			SqlArrays.bind(ps, 2, "text", channels);
			ps.setTimestamp(3, horizon);
		}, (rs, n) -> rs.getLong(1)).stream().mapToLong(Long::longValue).sum();
		Long waiting = this.jdbc.query(WAITING, (ps) -> SqlArrays.bind(ps, 1, "text", channels),
				(rs) -> rs.next() ? rs.getLong(1) : 0L);
		// reconciled now: the ones still inside the grace wait with the uncovered ones
		int reconciled = matched.size() + unshown.size();
		count(CallbackReconciliationResource.CALLBACKS.counter(Tally.READ), reconciled);
		count(CallbackReconciliationResource.CALLBACKS.counter(Tally.WRITTEN), reconciled);
		count(CallbackReconciliationResource.MATCHED, matched.size());
		count(CallbackReconciliationResource.MATCHED_LATE, shownLate);
		count(CallbackReconciliationResource.ARCHIVED, unshown.size());
		count(CallbackReconciliationResource.WAITING, (waiting != null) ? waiting : 0);
		count(CallbackReconciliationResource.GAPS_FILLED, filled.size());
		count(CallbackReconciliationResource.GAPS_FOUND_AND_FILLED, filled.stream().filter(Boolean::booleanValue).count());
		count(CallbackReconciliationResource.MISSED_BY_RECEIVER, missed);
	}

	// the events archived from callbacks that a list has shown since: held once, as the pulled event with the
	// callback's id, the copy taken out of the day counts and the sessions marked where it was; returns how many
	private int pairShownLate(Object[] channels) throws SQLException {
		List<ShownLate> pairs = this.jdbc.query(SHOWN_LATE, (ps) -> SqlArrays.bind(ps, 1, "text", channels),
				(rs, n) -> new ShownLate(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
						rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)));
		if (pairs.isEmpty()) {
			return 0;
		}
		Set<Long> dropped = new HashSet<>(this.jdbc.query(DROP_COPIES, (ps) -> {
			SqlArrays.bind(ps, 1, "text", pairs.stream().map(ShownLate::channelId).toArray());
			SqlArrays.bind(ps, 2, "int8", pairs.stream().map(ShownLate::occurredAtMillis).toArray());
			SqlArrays.bind(ps, 3, "uuid", pairs.stream().map(ShownLate::copyKey).toArray());
		}, (rs, n) -> rs.getLong(1)));
		List<ShownLate> paired = pairs.stream().filter((pair) -> dropped.contains(pair.eventId())).toList();
		if (paired.isEmpty()) {
			return 0;
		}
		this.jdbc.update(TAG_SHOWN, (ps) -> {
			SqlArrays.bind(ps, 1, "text", paired.stream().map(ShownLate::channelId).toArray());
			SqlArrays.bind(ps, 2, "int8", paired.stream().map(ShownLate::occurredAtMillis).toArray());
			SqlArrays.bind(ps, 3, "uuid", paired.stream().map(ShownLate::listKey).toArray());
			SqlArrays.bind(ps, 4, "int8", paired.stream().map(ShownLate::eventId).toArray());
		});
		this.jdbc.update(MATCHED_LATE, (ps) -> SqlArrays.bind(ps, 1, "int8", paired.stream().map(ShownLate::eventId).toArray()));
		String[] channelIds = paired.stream().map(ShownLate::channelId).toArray(String[]::new);
		String[] codes = paired.stream().map(ShownLate::eventCode).toArray(String[]::new);
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (this.countDays) {
				DailyCounts.remove(connection, channelIds, codes,
						paired.stream().map(ShownLate::logLevel).toArray(String[]::new),
						paired.stream().map(ShownLate::occurredAtMillis).toArray(Long[]::new));
			}
			SessionTables.mark(connection, channelIds, codes,
					paired.stream().mapToLong(ShownLate::occurredAtMillis).toArray());
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		return paired.size();
	}

	// the events of the covered callbacks no list showed, archived as the event writer archives a pulled one
	private void archive(List<Covered> unshown) throws SQLException {
		if (unshown.isEmpty()) {
			return;
		}
		int size = unshown.size();
		UUID[] keys = new UUID[size];
		String[] channelIds = new String[size];
		String[] codes = new String[size];
		String[] levels = new String[size];
		Long[] instants = new Long[size];
		Boolean[] scaled = new Boolean[size];
		Long[] ids = new Long[size];
		for (int i = 0; i < size; i++) {
			Covered callback = unshown.get(i);
			keys[i] = EventNormalizer.callbackKey(callback.eventId());
			channelIds[i] = callback.channelId();
			codes[i] = callback.eventCode();
			levels[i] = callback.logLevel();
			instants[i] = callback.occurredAtMillis();
			scaled[i] = callback.timestampScaled();
			ids[i] = callback.eventId();
		}
		List<Long> inserted = this.jdbc.query(ARCHIVE, (ps) -> {
			SqlArrays.bind(ps, 1, "uuid", keys);
			SqlArrays.bind(ps, 2, "text", channelIds);
			SqlArrays.bind(ps, 3, "text", codes);
			SqlArrays.bind(ps, 4, "text", levels);
			SqlArrays.bind(ps, 5, "int8", instants);
			SqlArrays.bind(ps, 6, "bool", scaled);
			SqlArrays.bind(ps, 7, "int8", ids);
		}, (rs, n) -> rs.getLong(1));
		this.jdbc.update(ARCHIVED, (ps) -> SqlArrays.bind(ps, 1, "int8", ids));
		reportArchived(unshown, inserted);
	}

	// the rows just added reach reporting and the recordings step the way pulled events do, by their homes' rules
	private void reportArchived(List<Covered> unshown, List<Long> inserted) throws SQLException {
		Set<Long> added = new HashSet<>(inserted);
		List<Covered> rows = new ArrayList<>(added.size());
		for (Covered callback : unshown) {
			if (added.contains(callback.eventId())) {
				rows.add(callback);
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		String[] channelIds = rows.stream().map(Covered::channelId).toArray(String[]::new);
		String[] codes = rows.stream().map(Covered::eventCode).toArray(String[]::new);
		String[] levels = rows.stream().map(Covered::logLevel).toArray(String[]::new);
		long[] instants = rows.stream().mapToLong(Covered::occurredAtMillis).toArray();
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (this.countDays) {
				DailyCounts.add(connection, channelIds, codes, levels,
						rows.stream().map(Covered::occurredAtMillis).toArray(Long[]::new));
			}
			SessionTables.mark(connection, channelIds, codes, instants);
			RecordingChecks.eventsArchived(connection, channelIds, codes, instants);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	// an event archived from its callback (its copy's key) and the same event a later list showed (its key)
	private record ShownLate(long eventId, UUID copyKey, UUID listKey, String channelId, String eventCode,
			String logLevel, long occurredAtMillis) {
	}

	// a callback whose instant its channel's lists have covered
	private record Covered(long eventId, String channelId, String eventCode, String logLevel, long occurredAtMillis,
			boolean timestampScaled, long coveredThroughMillis) {
	}

}
