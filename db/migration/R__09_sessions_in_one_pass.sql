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
    -- as in reporting.sessions: a start's channel first seen not publishing from the start on, before the next mark
    seen AS (
        SELECT m.channel_id, m.occurred_at, m.event_key, o.at, o.channel_status
        FROM m CROSS JOIN LATERAL (
            SELECT o.at, o.channel_status FROM (
                (SELECT h.valid_from AS at, h.channel_status FROM livestation.channel_status_history h
                 WHERE h.channel_id = m.channel_id AND h.valid_from >= m.occurred_at
                   AND h.channel_status <> 'PUBLISHING'
                 ORDER BY h.valid_from LIMIT 1)
                UNION ALL
                (SELECT run.started_at, held.channel_status
                 FROM (SELECT h.channel_status, h.valid_to FROM livestation.channel_status_history h
                       WHERE h.channel_id = m.channel_id AND h.valid_from <= m.occurred_at
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
        ) o
        WHERE m.may_be_seen
    )
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
    FROM m
    LEFT JOIN seen ON seen.channel_id = m.channel_id AND seen.occurred_at = m.occurred_at AND seen.event_key = m.event_key
$$;
COMMENT ON FUNCTION reporting.sessions_in_one_pass(text, text, text[], timestamptz[]) IS 'The rows of reporting.sessions(start, end, channels, from), computed for many channels at once: their marks read in one pass, a status looked up only for a start whose channel had one other than PUBLISHING during it. What the session tables are recomputed with when most channels are due from their first mark (a first load, a new time zone)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions_in_one_pass(text, text, text[], timestamptz[]) TO %I', '${reader_role}');
    END IF;
END $$;
