-- reporting.sessions(start, end, channels, from): the pairing rule of sessions, read per channel from an instant
CREATE OR REPLACE FUNCTION reporting.sessions(start_code text, end_code text, channel_ids text[], read_from timestamptz[])
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean, ended_by text)
LANGUAGE sql STABLE AS $$
    SELECT m.channel_id, m.event_key, s.*
    FROM (
        SELECT w.* FROM (
            SELECT e.channel_id, e.event_key, e.occurred_at, e.event_code = start_code AS is_start,
                   lead(e.event_code) OVER w AS next_code, lead(e.occurred_at) OVER w AS next_at,
                   lag(e.event_code) OVER w AS previous_code
            FROM unnest(channel_ids, read_from) AS r(channel_id, read_from)
            -- channel by channel, from its own instant on: a night reads the few marks it brought through
            -- the key's index, not the whole table (OFFSET 0 keeps the planner from making it a join)
            CROSS JOIN LATERAL (
                SELECT x.channel_id, x.event_key, x.occurred_at, x.event_code FROM livestation.channel_event x
                WHERE x.channel_id = r.channel_id AND x.occurred_at >= coalesce(r.read_from, '-infinity')
                  AND x.event_code IN (start_code, end_code)
                OFFSET 0) e
            WINDOW w AS (PARTITION BY e.channel_id ORDER BY e.occurred_at, e.event_code DESC, e.event_key)
        ) w
        -- every start; an end only when the mark before it is not a start: an orphan, never paired with an older session
        WHERE w.is_start OR w.previous_code IS NULL OR w.previous_code = end_code
    ) m
    -- how a start ends (R__00_session_end.sql): an end's own row has no start, so no stop to look up
    LEFT JOIN LATERAL reporting.session_stop(m.channel_id, CASE WHEN m.is_start THEN m.occurred_at END, m.next_at) seen
      ON true
    CROSS JOIN LATERAL reporting.session_row(start_code, end_code, m.is_start, m.occurred_at, m.next_code, m.next_at,
        seen.stopped_at, seen.channel_status) s
$$;
COMMENT ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) IS 'Pairs each start event with the next end event of the same channel, over the marks of the given channels from the given instants (NULL: from the first); a session ends at its end event or when its channel was first seen not publishing (status history, a run''s listing, deletion), whichever came first (ended_by); flags open starts, starts followed by another start, and ends without a start (the first mark read has no mark before it)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) TO %I', '${reader_role}');
    END IF;
END $$;
