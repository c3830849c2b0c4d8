-- A session whose end event never came (the encoder dropped, the channel was stopped, blocked or
-- deleted) stayed open for ever, so that "open sessions" disagreed with the channels' statuses. A
-- session now ends at its end event or when the archive first saw its channel not publishing, in the
-- status history or at a run's listing, whichever came first; ended_by says which.

DROP FUNCTION reporting.sessions(text, text);
DROP FUNCTION reporting.sessions(text, text, text[], timestamptz[]);

-- the pairing rule, once: over the start and end marks of the given channels, each read from an
-- instant of its own (NULL: from its first); the two-argument form pairs every channel's marks
CREATE FUNCTION reporting.sessions(start_code text, end_code text, channel_ids text[], read_from timestamptz[])
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

CREATE FUNCTION reporting.sessions(start_code text, end_code text)
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean, ended_by text)
LANGUAGE sql STABLE AS $$
    SELECT * FROM reporting.sessions(start_code, end_code,
        ARRAY(SELECT DISTINCT e.channel_id FROM livestation.channel_event e WHERE e.event_code IN (start_code, end_code)),
        NULL)
$$;
COMMENT ON FUNCTION reporting.sessions(text, text) IS 'The sessions of every channel, recounted from the whole archive (reporting.sessions(start, end, channels, from) over every channel with start or end events)';

-- the kept tables, recomputed by the new rule: right from the upgrade on
DO $$
DECLARE
    session text;
    codes text[];
BEGIN
    FOREACH session IN ARRAY ARRAY['publish_session', 'recording_session'] LOOP
        codes := CASE session WHEN 'publish_session' THEN ARRAY['PUBLISH_START', 'PUBLISH_END']
                              ELSE ARRAY['ONAIR_START', 'ONAIR_END'] END;
        EXECUTE format('ALTER TABLE reporting.%I ADD COLUMN ended_by text', session);
        EXECUTE format('DELETE FROM reporting.%I', session);
        EXECUTE format($insert$
            INSERT INTO reporting.%I (channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
                is_orphan_end, day, hour, session_key, ended_by)
            SELECT x.channel_id, x.started_at, x.ended_at, x.duration_minutes, x.is_open, x.is_unterminated,
                   x.is_orphan_end, (coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::date,
                   extract(hour FROM coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::integer,
                   x.mark_key, x.ended_by
            FROM reporting.sessions(%L, %L) x CROSS JOIN reporting.setting s
            $insert$, session, codes[1], codes[2]);
    END LOOP;
END $$;

COMMENT ON TABLE reporting.publish_session IS 'Publish sessions: PUBLISH_START until the next PUBLISH_END of the same channel, or until the archive first saw the channel not publishing (status history, a run''s listing, deletion), whichever came first. Which channels are live now: the rows with is_open (a start with no end yet, its channel not seen otherwise since); channel_current.channel_status is only what the last listing said. Kept current by every archive run for the channels whose start or end events or observed status changed';
COMMENT ON TABLE reporting.recording_session IS 'Recording sessions: ONAIR_START until the next ONAIR_END of the same channel, or until the archive first saw the channel not publishing (status history, a run''s listing, deletion), whichever came first. Kept current by every archive run for the channels whose start or end events or observed status changed';
COMMENT ON COLUMN reporting.publish_session.ended_at IS 'End of the session (UTC): its PUBLISH_END, or the first instant the archive saw the channel not publishing, whichever came first (ended_by); NULL while open or unterminated';
COMMENT ON COLUMN reporting.recording_session.ended_at IS 'End of the session (UTC): its ONAIR_END, or the first instant the archive saw the channel not publishing, whichever came first (ended_by); NULL while open or unterminated';
COMMENT ON COLUMN reporting.publish_session.duration_minutes IS 'Length in whole minutes, for ended sessions (ended_at - started_at)';
COMMENT ON COLUMN reporting.recording_session.duration_minutes IS 'Length in whole minutes, for ended sessions (ended_at - started_at)';
COMMENT ON COLUMN reporting.publish_session.is_open IS 'Live now as far as the archive knows: a start with no later start or end event, and its channel not seen anything but PUBLISHING since';
COMMENT ON COLUMN reporting.recording_session.is_open IS 'Recording now as far as the archive knows: a start with no later start or end event, and its channel not seen anything but PUBLISHING since';
COMMENT ON COLUMN reporting.publish_session.is_unterminated IS 'A start followed by another start, with neither an end event nor a status that ended it in between: its end was never reported';
COMMENT ON COLUMN reporting.recording_session.is_unterminated IS 'A start followed by another start, with neither an end event nor a status that ended it in between: its end was never reported';
COMMENT ON COLUMN reporting.publish_session.ended_by IS 'What ended the session: end_event (its PUBLISH_END; always so for an orphan end), status (the channel first seen READY, BLOCK, STOPPED or another status but PUBLISHING), deleted (first seen DELETED or FORCE_DELETED); NULL while open or unterminated';
COMMENT ON COLUMN reporting.recording_session.ended_by IS 'What ended the session: end_event (its ONAIR_END; always so for an orphan end), status (the channel first seen READY, BLOCK, STOPPED or another status but PUBLISHING), deleted (first seen DELETED or FORCE_DELETED); NULL while open or unterminated';
COMMENT ON TABLE reporting.session_stale IS 'Channels whose sessions are to be recomputed: their start or end events (PUBLISH_*, ONAIR_*) were archived, or a run saw them not publishing while a session of theirs had not ended by then; emptied by the run''s reporting refresh';
COMMENT ON COLUMN reporting.session_stale.since IS 'The earliest of those events or sightings: the channel''s sessions from the last mark before it on are recomputed';
COMMENT ON VIEW reporting.channel_current IS 'The latest known state of every channel, as the last archive run listed it. Its channel_status is what that listing said at that instant; which channels are live now is reporting.publish_session WHERE is_open, reconstructed from the events and the status history';
COMMENT ON COLUMN reporting.channel_current.channel_status IS 'Normalized status as last listed (at the last archive run that listed the channel)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text) TO %I', '${reader_role}');
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) TO %I', '${reader_role}');
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO %I', '${reader_role}');
    END IF;
END $$;
