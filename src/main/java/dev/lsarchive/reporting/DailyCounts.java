package dev.lsarchive.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.SqlArrays;

/**
 * The one home of {@code reporting.daily_channel_events}: events per business day, channel, code
 * and level. Writers add the events they store, in their own transaction, so that counts and events
 * never disagree; a first load leaves the counting to one recount at its end (cheaper than a count
 * per chunk), and a change of business time zone recounts everything.
 */
public final class DailyCounts {

	// the day of an event in the business time zone of reporting.setting, and its grouping, once. The zone is read
	// once, as a scalar: joined, the one-row table has no statistics and the planner expects thousands of its rows
	// per event, so that a recount was planned parallel and compiled (JIT) at five times the CPU of a plain scan
	private static final String COUNT = """
			INSERT INTO reporting.daily_channel_events AS d (day, channel_id, event_code, log_level, events)
			SELECT (e.occurred_at AT TIME ZONE (SELECT time_zone FROM reporting.setting))::date, e.channel_id,
			       e.event_code, e.log_level, count(*)
			FROM (%s) e
			GROUP BY 1, 2, 3, 4
			""";

	// added in key order, so that two writers adding to the same days lock them in the same order
	private static final String ADD = COUNT.formatted("""
			SELECT channel_id, event_code, log_level, timestamptz 'epoch' + occurred_ms * interval '1 millisecond' AS occurred_at
			FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) AS c(channel_id, event_code, log_level, occurred_ms)""")
			+ """
					ORDER BY 2, 1, 3, 4
					ON CONFLICT (channel_id, day, event_code, (coalesce(log_level, '')))
					DO UPDATE SET events = d.events + excluded.events
					""";

	// the days of events taken out of the archive, locked in the order ADD locks them, then lowered, and deleted where
	// nothing is left (a day row counts at least one event)
	private static final String REMOVE = """
			WITH c AS (
			    SELECT ((timestamptz 'epoch' + c.occurred_ms * interval '1 millisecond') AT TIME ZONE s.time_zone)::date AS day,
			           c.channel_id, c.event_code, coalesce(c.log_level, '') AS level, count(*) AS events
			    FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) AS c(channel_id, event_code, log_level, occurred_ms)
			    CROSS JOIN reporting.setting s
			    GROUP BY 1, 2, 3, 4
			), locked AS (
			    SELECT d.channel_id, d.day, d.event_code, c.level, d.events, c.events AS removed
			    FROM reporting.daily_channel_events d
			    JOIN c ON d.channel_id = c.channel_id AND d.day = c.day AND d.event_code = c.event_code
			          AND coalesce(d.log_level, '') = c.level
			    ORDER BY d.channel_id, d.day, d.event_code, c.level
			    FOR UPDATE OF d
			), emptied AS (
			    DELETE FROM reporting.daily_channel_events d USING locked l
			    WHERE d.channel_id = l.channel_id AND d.day = l.day AND d.event_code = l.event_code
			      AND coalesce(d.log_level, '') = l.level AND l.events <= l.removed
			)
			UPDATE reporting.daily_channel_events d SET events = l.events - l.removed FROM locked l
			WHERE d.channel_id = l.channel_id AND d.day = l.day AND d.event_code = l.event_code
			  AND coalesce(d.log_level, '') = l.level AND l.events > l.removed
			""";

	private static final String RECOUNT = COUNT.formatted("SELECT * FROM livestation.channel_event");

	private static final String KEY = "reporting.daily_channel_events_key";

	private static final String FIRST_LOAD_COUNTS_AT_THE_END = """
			UPDATE reporting.setting SET daily_counts_current = false
			WHERE NOT EXISTS (SELECT 1 FROM livestation.channel_event)
			""";

	private final JdbcTemplate jdbc;

	public DailyCounts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * For the step that writes events: before it starts, when the archive holds no event yet (a first
	 * load), writers stop counting and the reporting refresh counts all at once. A crash in between
	 * leaves the counts marked stale, so nothing is ever counted half.
	 */
	public StepExecutionListener firstLoadListener() {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				DailyCounts.this.jdbc.update(FIRST_LOAD_COUNTS_AT_THE_END);
			}
		};
	}

	/** Whether writers keep the counts current (false during a first load). */
	public boolean keptByWriters() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT daily_counts_current FROM reporting.setting",
				Boolean.class));
	}

	/**
	 * Adds events just stored on {@code connection} (the writer's transaction), one array element per
	 * event: channel, code, level (null allowed), instant in epoch milliseconds.
	 */
	public static void add(Connection connection, String[] channelIds, String[] codes, String[] levels,
			Long[] occurredAtMillis) throws SQLException {
		execute(connection, ADD, channelIds, codes, levels, occurredAtMillis);
	}

	/**
	 * Takes events just deleted on {@code connection} (the writer's transaction) out of their days, the
	 * arrays as for {@link #add}.
	 */
	public static void remove(Connection connection, String[] channelIds, String[] codes, String[] levels,
			Long[] occurredAtMillis) throws SQLException {
		execute(connection, REMOVE, channelIds, codes, levels, occurredAtMillis);
	}

	private static void execute(Connection connection, String sql, String[] channelIds, String[] codes,
			String[] levels, Long[] occurredAtMillis) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			SqlArrays.bind(statement, 1, "text", channelIds);
			SqlArrays.bind(statement, 2, "text", codes);
			SqlArrays.bind(statement, 3, "text", levels);
			SqlArrays.bind(statement, 4, "int8", occurredAtMillis);
			statement.executeUpdate();
		}
	}

	/**
	 * Counts every archived event again, in the caller's transaction: the key is dropped and built
	 * again after the rows (as it stands in the catalog, so that it is defined once, by the migration)
	 * and the grouping gets the memory to stay off disk; readers wait for the commit rather than see
	 * half the days.
	 */
	void recountAll() {
		// the lock first: another process recounting at the same time has then committed its key again,
		// and the catalog is read only once no one can drop the key under the reading
		this.jdbc.execute("LOCK TABLE reporting.daily_channel_events IN ACCESS EXCLUSIVE MODE");
		String keyDefinition = this.jdbc.queryForObject("SELECT pg_get_indexdef(?::regclass)", String.class, KEY);
		this.jdbc.execute("SET LOCAL work_mem = '256MB'");
		this.jdbc.execute("TRUNCATE reporting.daily_channel_events");
		this.jdbc.execute("DROP INDEX " + KEY);
		this.jdbc.execute(RECOUNT);
		this.jdbc.execute(keyDefinition);
		this.jdbc.execute("UPDATE reporting.setting SET daily_counts_current = true");
	}

}
