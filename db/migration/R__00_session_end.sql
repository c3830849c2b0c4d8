-- How a session ends, for reporting.sessions(start, end, channels, from) and reporting.sessions_in_one_pass: both
-- pair the marks their own way, then call these two. Each is a single SELECT in LANGUAGE sql, STABLE, neither STRICT
-- nor SECURITY DEFINER, so that PostgreSQL inlines it into the caller's LATERAL join: the same plan as written out
-- there. PARALLEL SAFE as well: the planner decides whether a query may run in parallel from the functions it
-- names, before it inlines them, so an unmarked one would rule out plans the written-out SQL could have. This file
-- sorts before theirs: Flyway applies repeatable migrations by name, and a caller's body is checked against the
-- functions it calls when it is created.

-- reporting.session_stop(channel, started_at, next_at): a start's channel first seen not publishing from the start
-- on, before the next mark: a status row that is not PUBLISHING, or a run that listed the channel while the status
-- it held at the start, not PUBLISHING, still held (the history adds a row only when the status changes). A few
-- index lookups: the history's key, the ledger's (job_name, started_at), listed_channel's key. A NULL started_at (a
-- mark that is not a start) matches no row and reads no index entry: the caller needs no filter of its own.
-- The parameters are named with the function's name: channel_id and started_at are also columns read here
CREATE OR REPLACE FUNCTION reporting.session_stop(channel_id text, started_at timestamptz, next_at timestamptz)
RETURNS TABLE (stopped_at timestamptz, channel_status text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT o.at, o.channel_status FROM (
        (SELECT h.valid_from AS at, h.channel_status FROM livestation.channel_status_history h
         WHERE h.channel_id = session_stop.channel_id AND h.valid_from >= session_stop.started_at
           AND h.channel_status <> 'PUBLISHING'
         ORDER BY h.valid_from LIMIT 1)
        UNION ALL
        (SELECT run.started_at, held.channel_status
         FROM (SELECT h.channel_status, h.valid_to FROM livestation.channel_status_history h
               WHERE h.channel_id = session_stop.channel_id AND h.valid_from <= session_stop.started_at
               ORDER BY h.valid_from DESC LIMIT 1) held
         CROSS JOIN LATERAL (
             SELECT r.started_at FROM livestation.archive_run r
             WHERE r.job_name = 'archiveJob' AND r.started_at >= session_stop.started_at
               AND r.started_at < coalesce(held.valid_to, 'infinity')
               AND EXISTS (SELECT 1 FROM livestation.listed_channel l
                           WHERE l.run_date = r.run_date AND l.channel_id = session_stop.channel_id)
             ORDER BY r.started_at LIMIT 1) run
         WHERE held.channel_status <> 'PUBLISHING')
    ) o
    WHERE o.at < coalesce(session_stop.next_at, 'infinity')
    ORDER BY o.at LIMIT 1
$$;
COMMENT ON FUNCTION reporting.session_stop(text, timestamptz, timestamptz) IS 'When and with which status the archive first saw the channel not publishing from started_at on, before next_at (NULL: no next mark): its first status other than PUBLISHING, or the first run that listed it while such a status held; no row when it was not seen so, or started_at is NULL. What ends a session before its end event (reporting.sessions)';

-- reporting.session_row(...): a mark's row of the sessions, from its pairing (is it a start, the next mark) and the
-- stop found for it (reporting.session_stop; NULL: none): a start ends at the stop or else at its end event,
-- whichever came first (the stop is looked up before the next mark only); an end is its own row when no start
-- came before it. No FROM: the planner folds it into the caller's select list
CREATE OR REPLACE FUNCTION reporting.session_row(start_code text, end_code text, is_start boolean, mark_at timestamptz,
    next_code text, next_at timestamptz, stopped_at timestamptz, stopped_status text)
RETURNS TABLE (started_at timestamptz, ended_at timestamptz, duration_minutes integer, is_open boolean,
               is_unterminated boolean, is_orphan_end boolean, ended_by text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN is_start THEN mark_at END,
           CASE WHEN NOT is_start THEN mark_at
                ELSE coalesce(stopped_at, CASE WHEN next_code = end_code THEN next_at END) END,
           CASE WHEN is_start THEN round(extract(epoch FROM
                coalesce(stopped_at, CASE WHEN next_code = end_code THEN next_at END) - mark_at) / 60)::integer END,
           is_start AND next_code IS NULL AND stopped_at IS NULL,
           is_start AND coalesce(next_code = start_code, false) AND stopped_at IS NULL,
           NOT is_start,
           CASE WHEN stopped_at IS NOT NULL
                THEN CASE WHEN stopped_status IN ('DELETED', 'FORCE_DELETED') THEN 'deleted' ELSE 'status' END
                WHEN NOT is_start OR next_code = end_code THEN 'end_event' END
$$;
COMMENT ON FUNCTION reporting.session_row(text, text, boolean, timestamptz, text, timestamptz, timestamptz, text) IS 'The session row of one mark (a start, or an end with no start before it) from the next mark of its channel (next_code, next_at: NULL when none) and the stop found for it (reporting.session_stop: NULL when none): a start ends at the stop or at its end event, whichever came first (ended_by: status, deleted, end_event); flags open starts, starts followed by another start, and ends without a start. The columns of reporting.sessions after channel_id and mark_key';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.session_stop(text, timestamptz, timestamptz) TO %I', '${reader_role}');
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.session_row(text, text, boolean, timestamptz, text, timestamptz, timestamptz, text) TO %I', '${reader_role}');
    END IF;
END $$;
