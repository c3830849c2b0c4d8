-- reporting.sessions(start, end, channels, from): the pairing rule of sessions, read per channel from an instant
CREATE OR REPLACE FUNCTION reporting.sessions(start_code text, end_code text, channel_ids text[], read_from timestamptz[])
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean, ended_by text)
LANGUAGE sql STABLE AS $$
    SELECT m.channel_id, m.event_key,
           CASE WHEN m.is_start THEN m.occurred_at END,
           CASE WHEN NOT m.is_start THEN m.occurred_at
                ELSE coalesce(seen.at, CASE WHEN m.next_code = end_code THEN m.next_at END) END,
           CASE WHEN m.is_start THEN round(extract(epoch FROM
                coalesce(seen.at, CASE WHEN m.next_code = end_code THEN m.next_at END) - m.occurred_at) / 60)::integer END,
           m.is_start AND m.next_code IS NULL AND seen.at IS NULL,
           m.is_start AND coalesce(m.next_code = start_code, false) AND seen.at IS NULL,
           NOT m.is_start,
           CASE WHEN seen.at IS NOT NULL
                THEN CASE WHEN seen.channel_status IN ('DELETED', 'FORCE_DELETED') THEN 'deleted' ELSE 'status' END
                WHEN NOT m.is_start OR m.next_code = end_code THEN 'end_event' END
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
    -- a start's channel first seen not publishing from the start on, before the next mark: a status row
    -- that is not PUBLISHING, or a run that listed the channel while the status it held at the start,
    -- not PUBLISHING, still held (the history adds a row only when the status changes). A few index
    -- lookups per session: the history's key, the ledger's (job_name, started_at), listed_channel's key
    LEFT JOIN LATERAL (
        SELECT o.at, o.channel_status FROM (
            (SELECT h.valid_from AS at, h.channel_status FROM livestation.channel_status_history h
             WHERE m.is_start AND h.channel_id = m.channel_id AND h.valid_from >= m.occurred_at
               AND h.channel_status <> 'PUBLISHING'
             ORDER BY h.valid_from LIMIT 1)
            UNION ALL
            (SELECT run.started_at, held.channel_status
             FROM (SELECT h.channel_status, h.valid_to FROM livestation.channel_status_history h
                   WHERE m.is_start AND h.channel_id = m.channel_id AND h.valid_from <= m.occurred_at
                   ORDER BY h.valid_from DESC LIMIT 1) held
             CROSS JOIN LATERAL (
                 SELECT r.started_at FROM livestation.archive_run r
                 WHERE r.job_name = 'archiveJob' AND r.started_at >= m.occurred_at
                   AND r.started_at < coalesce(held.valid_to, 'infinity')
                   AND EXISTS (SELECT 1 FROM livestation.listed_channel l
                               WHERE l.run_date = r.run_date AND l.channel_id = m.channel_id)
                 ORDER BY r.started_at LIMIT 1) run
             WHERE held.channel_status <> 'PUBLISHING')
        ) o
        WHERE o.at < coalesce(m.next_at, 'infinity')
        ORDER BY o.at LIMIT 1
    ) seen ON true
$$;
COMMENT ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) IS 'Pairs each start event with the next end event of the same channel, over the marks of the given channels from the given instants (NULL: from the first); a session ends at its end event or when its channel was first seen not publishing (status history, a run''s listing, deletion), whichever came first (ended_by); flags open starts, starts followed by another start, and ends without a start (the first mark read has no mark before it)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) TO %I', '${reader_role}');
    END IF;
END $$;
