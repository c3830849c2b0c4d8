-- The session views used to be materialized views refreshed over the whole event history on every
-- night that added an event: a night's cost grew with the archive. They are now tables that every
-- run keeps current for the channels whose start or end events changed (reporting.session_stale,
-- filled by the event writer in the events' own transaction), so a night costs what it brought.

-- the pairing rule, once: over the start and end marks of the given channels, each read from an
-- instant of its own (NULL: from its first); the two-argument form pairs every channel's marks
CREATE FUNCTION reporting.sessions(start_code text, end_code text, channel_ids text[], read_from timestamptz[])
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean)
LANGUAGE sql STABLE AS $$
    SELECT m.channel_id, m.event_key,
           CASE WHEN m.is_start THEN m.occurred_at END,
           CASE WHEN NOT m.is_start THEN m.occurred_at WHEN m.next_code = end_code THEN m.next_at END,
           CASE WHEN m.is_start AND m.next_code = end_code
                THEN round(extract(epoch FROM m.next_at - m.occurred_at) / 60)::integer END,
           m.is_start AND m.next_code IS NULL,
           m.is_start AND coalesce(m.next_code = start_code, false),
           NOT m.is_start
    FROM (
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
    ) m
    -- every start; an end only when the mark before it is not a start: an orphan, never paired with an older session
    WHERE m.is_start OR m.previous_code IS NULL OR m.previous_code = end_code
$$;
COMMENT ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) IS 'Pairs each start event with the next end event of the same channel, over the marks of the given channels from the given instants (NULL: from the first); flags open starts, starts followed by another start, and ends without a start (the first mark read has no mark before it)';

CREATE OR REPLACE FUNCTION reporting.sessions(start_code text, end_code text)
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean)
LANGUAGE sql STABLE AS $$
    SELECT * FROM reporting.sessions(start_code, end_code,
        ARRAY(SELECT DISTINCT e.channel_id FROM livestation.channel_event e WHERE e.event_code IN (start_code, end_code)),
        NULL)
$$;

CREATE TABLE reporting.session_stale (
    channel_id text        PRIMARY KEY,
    since      timestamptz NOT NULL
);
COMMENT ON TABLE reporting.session_stale IS 'Channels whose start or end events (PUBLISH_*, ONAIR_*) were archived since their sessions were last computed; emptied by the run''s reporting refresh';
COMMENT ON COLUMN reporting.session_stale.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.session_stale.since IS 'The earliest of those events: the channel''s sessions from the last mark before it on are recomputed';
-- every channel with start or end events is due once: its sessions are recomputed by the next run,
-- and the recordings step asks it for its recordings (archived from this version on)
INSERT INTO reporting.session_stale (channel_id, since)
SELECT DISTINCT channel_id, '-infinity'::timestamptz FROM livestation.channel_event
WHERE event_code IN ('PUBLISH_START', 'PUBLISH_END', 'ONAIR_START', 'ONAIR_END');

DO $$
DECLARE
    session text;
    col record;
BEGIN
    FOREACH session IN ARRAY ARRAY['publish_session', 'recording_session'] LOOP
        EXECUTE format('CREATE TABLE reporting.%I AS SELECT * FROM reporting.%I', session || '_kept', session);
        FOR col IN SELECT a.attname, col_description(a.attrelid, a.attnum) AS comment FROM pg_attribute a
                   WHERE a.attrelid = ('reporting.' || session)::regclass AND a.attnum > 0 AND NOT a.attisdropped LOOP
            EXECUTE format('COMMENT ON COLUMN reporting.%I.%I IS %L', session || '_kept', col.attname, col.comment);
        END LOOP;
        EXECUTE format('DROP MATERIALIZED VIEW reporting.%I', session);
        EXECUTE format('ALTER TABLE reporting.%I RENAME TO %I', session || '_kept', session);
        EXECUTE format('ALTER TABLE reporting.%I ADD PRIMARY KEY (session_key)', session);
        EXECUTE format('CREATE INDEX %I ON reporting.%I (channel_id, started_at)', session || '_channel', session);
        -- a session row's own mark (its start, or its end for an orphan end): where a channel's recomputing starts
        EXECUTE format('CREATE INDEX %I ON reporting.%I (channel_id, (coalesce(started_at, ended_at)))',
            session || '_mark', session);
    END LOOP;
END $$;
COMMENT ON TABLE reporting.publish_session IS 'Publish sessions: PUBLISH_START paired with the next PUBLISH_END of the same channel (kept current by every archive run for the channels whose start or end events changed)';
COMMENT ON TABLE reporting.recording_session IS 'Recording sessions: ONAIR_START paired with the next ONAIR_END of the same channel (kept current by every archive run for the channels whose start or end events changed)';

-- recordings for analysts, linked to the recording session of the events they overlap
CREATE VIEW reporting.recording_file AS
SELECT r.channel_id, c.channel_name, c.channel_type, r.record_id, r.record_type, r.status,
       r.record_begin_at AS began_at,
       r.record_begin_at + make_interval(secs => r.duration_seconds) AS ended_at,
       r.record_begin_at AT TIME ZONE s.time_zone AS began_local,
       (r.record_begin_at + make_interval(secs => r.duration_seconds)) AT TIME ZONE s.time_zone AS ended_local,
       (r.record_begin_at AT TIME ZONE s.time_zone)::date AS day,
       round(r.duration_seconds / 60.0, 1) AS minutes,
       r.object_storage_url IS NOT NULL AS is_uploaded,
       r.status = 'TRANSFER_FAIL' AS is_upload_failed,
       r.status_since,
       r.should_delete_at,
       r.should_delete_at > now() AS is_kept_by_live_station,
       r.object_storage_url,
       r.file_name,
       rs.session_key AS recording_session_key
FROM livestation.recording r
CROSS JOIN reporting.setting s
LEFT JOIN livestation.channel c ON c.channel_id = r.channel_id
-- the session that started last before the recording ended, when it had not ended before the
-- recording began: one step back along the channel's sessions, whatever their number
LEFT JOIN LATERAL (
    SELECT x.session_key, x.ended_at FROM reporting.recording_session x
    WHERE x.channel_id = r.channel_id
      AND x.started_at <= coalesce(r.record_begin_at + make_interval(secs => r.duration_seconds), 'infinity')
    ORDER BY x.started_at DESC
    LIMIT 1) rs ON coalesce(rs.ended_at, 'infinity') >= r.record_begin_at;
COMMENT ON VIEW reporting.recording_file IS 'One row per recording: channel, kind, status, begin and end in UTC and in the business time zone, minutes, whether uploaded, when Live Station drops its copy, and the recording session of the events it overlaps';
COMMENT ON COLUMN reporting.recording_file.channel_id IS 'Channel that recorded';
COMMENT ON COLUMN reporting.recording_file.channel_name IS 'Channel name as last listed';
COMMENT ON COLUMN reporting.recording_file.channel_type IS 'Kind of channel: LIVE, RE_STREAM or VOD2LIVE';
COMMENT ON COLUMN reporting.recording_file.record_id IS 'Live Station record id';
COMMENT ON COLUMN reporting.recording_file.record_type IS 'MP4 or HLS';
COMMENT ON COLUMN reporting.recording_file.status IS 'Status as last seen (RECORDING ... TRANSFER_FINISH, TRANSFER_FAIL, DELETED)';
COMMENT ON COLUMN reporting.recording_file.began_at IS 'When the recording began (UTC)';
COMMENT ON COLUMN reporting.recording_file.ended_at IS 'began_at plus the duration (UTC); so far, while recording';
COMMENT ON COLUMN reporting.recording_file.began_local IS 'began_at in the business time zone (reporting.setting)';
COMMENT ON COLUMN reporting.recording_file.ended_local IS 'ended_at in the business time zone';
COMMENT ON COLUMN reporting.recording_file.day IS 'Business day the recording began';
COMMENT ON COLUMN reporting.recording_file.minutes IS 'Length in minutes (one decimal)';
COMMENT ON COLUMN reporting.recording_file.is_uploaded IS 'Whether the file reached object storage (it has an object storage URL)';
COMMENT ON COLUMN reporting.recording_file.is_upload_failed IS 'Whether the upload failed (TRANSFER_FAIL)';
COMMENT ON COLUMN reporting.recording_file.status_since IS 'When the archive first saw the current status: when the upload finished or failed, to the precision of the runs';
COMMENT ON COLUMN reporting.recording_file.should_delete_at IS 'When Live Station drops its copy (UTC)';
COMMENT ON COLUMN reporting.recording_file.is_kept_by_live_station IS 'Whether Live Station still keeps its copy now';
COMMENT ON COLUMN reporting.recording_file.object_storage_url IS 'Object storage URL; NULL until uploaded';
COMMENT ON COLUMN reporting.recording_file.file_name IS 'File name';
COMMENT ON COLUMN reporting.recording_file.recording_session_key IS 'session_key of the reporting.recording_session (ONAIR_START .. ONAIR_END) it overlaps in time: the one that started last before the recording ended; NULL when none does';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text, text[], timestamptz[]) TO %I', '${reader_role}');
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO %I', '${reader_role}');
    END IF;
END $$;
