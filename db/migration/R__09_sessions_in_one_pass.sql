-- reporting.sessions_in_one_pass(start, end, channels, from): the pairing rule of reporting.sessions(start, end,
-- channels, from), for many channels at once. It returns the same rows; it reads the marks of all the given channels
-- in one pass (a join the planner may make a scan of the whole table) instead of one index range per channel, and
-- looks for a status that ended a session only where the channel has one that can have ended it.
CREATE OR REPLACE FUNCTION reporting.sessions_in_one_pass(start_code text, end_code text, channel_ids text[],
    read_from timestamptz[])
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean, ended_by text)
LANGUAGE sql STABLE AS $$
    WITH m AS (
        SELECT w.*,
               -- the span of the channel's statuses other than PUBLISHING, from the first one's start to the last
               -- one's end: a start whose time until its next mark misses it cannot have been ended by a status
               -- (both ways below need such a status, from the start on or held at it), and is spared the lookups
               w.is_start AND w.occurred_at <= off_air.last_to
                   AND coalesce(w.next_at, 'infinity') > off_air.first_from AS may_be_seen
        FROM (
            SELECT e.channel_id, e.event_key, e.occurred_at, e.event_code = start_code AS is_start,
                   lead(e.event_code) OVER w AS next_code, lead(e.occurred_at) OVER w AS next_at,
                   lag(e.event_code) OVER w AS previous_code
            FROM unnest(channel_ids, read_from) AS r(channel_id, read_from)
            JOIN livestation.channel_event e
              ON e.channel_id = r.channel_id AND e.occurred_at >= coalesce(r.read_from, '-infinity')
            WHERE e.event_code IN (start_code, end_code)
            WINDOW w AS (PARTITION BY e.channel_id ORDER BY e.occurred_at, e.event_code DESC, e.event_key)
        ) w
        LEFT JOIN (
            SELECT h.channel_id, min(h.valid_from) AS first_from,
                   max(greatest(h.valid_from, coalesce(h.valid_to, 'infinity'))) AS last_to
            FROM livestation.channel_status_history h
            WHERE h.channel_status <> 'PUBLISHING'
            GROUP BY h.channel_id
        ) off_air ON off_air.channel_id = w.channel_id
        -- every start; an end only when the mark before it is not a start: an orphan, never paired with an older session
        WHERE w.is_start OR w.previous_code IS NULL OR w.previous_code = end_code
    ),
    -- how a start ends (R__00_session_end.sql), looked up for the starts that may have been seen not publishing
    seen AS (
        SELECT m.channel_id, m.occurred_at, m.event_key, o.stopped_at, o.channel_status
        FROM m CROSS JOIN LATERAL reporting.session_stop(m.channel_id, m.occurred_at, m.next_at) o
        WHERE m.may_be_seen
    )
    SELECT m.channel_id, m.event_key, s.*
    FROM m
    LEFT JOIN seen ON seen.channel_id = m.channel_id AND seen.occurred_at = m.occurred_at AND seen.event_key = m.event_key
    CROSS JOIN LATERAL reporting.session_row(start_code, end_code, m.is_start, m.occurred_at, m.next_code, m.next_at,
        seen.stopped_at, seen.channel_status) s
$$;
COMMENT ON FUNCTION reporting.sessions_in_one_pass(text, text, text[], timestamptz[]) IS 'The rows of reporting.sessions(start, end, channels, from), computed for many channels at once: their marks read in one pass, a status looked up only for a start whose channel had one other than PUBLISHING during it. What the session tables are recomputed with when most channels are due from their first mark (a first load, a new time zone)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions_in_one_pass(text, text, text[], timestamptz[]) TO %I', '${reader_role}');
    END IF;
END $$;
