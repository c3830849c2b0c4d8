-- The session tables were made from materialized views by CREATE TABLE AS, so that their columns were
-- written nowhere. Here they are, as they were: each table is created anew from this DDL, its rows
-- copied, the old one dropped. reporting.recording_file reads recording_session: it is dropped first
-- and recreated, in the same migrate, by its repeatable migration R__08_recording_file.sql.

-- an analyst's own view over them would stop the drops below with a message naming the renamed table:
-- it is named here, with what to do
DO $$
DECLARE
    readers text;
BEGIN
    SELECT string_agg(DISTINCT format('%I.%I', n.nspname, reader.relname), ', ') INTO readers
    FROM pg_depend d
    JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
    JOIN pg_class reader ON reader.oid = r.ev_class
    JOIN pg_namespace n ON n.oid = reader.relnamespace
    WHERE d.refclassid = 'pg_class'::regclass
      AND d.refobjid IN ('reporting.publish_session'::regclass, 'reporting.recording_session'::regclass,
                         'reporting.recording_file'::regclass)
      AND reader.oid <> d.refobjid AND reader.oid <> 'reporting.recording_file'::regclass;
    IF readers IS NOT NULL THEN
        RAISE EXCEPTION 'this upgrade creates reporting.publish_session and reporting.recording_session anew and recreates reporting.recording_file, and views of your own read them: %; drop them, run the job once, then create them again', readers;
    END IF;
END $$;

DROP VIEW reporting.recording_file;

ALTER TABLE reporting.publish_session RENAME TO publish_session_before_v18;
ALTER TABLE reporting.publish_session_before_v18 DROP CONSTRAINT publish_session_pkey;
DROP INDEX reporting.publish_session_channel, reporting.publish_session_mark;

CREATE TABLE reporting.publish_session (
    channel_id       text,
    started_at       timestamptz,
    ended_at         timestamptz,
    duration_minutes integer,
    is_open          boolean,
    is_unterminated  boolean,
    is_orphan_end    boolean,
    day              date,
    hour             integer,
    session_key      uuid        NOT NULL,
    ended_by         text,
    CONSTRAINT publish_session_pkey PRIMARY KEY (session_key)
);
CREATE INDEX publish_session_channel ON reporting.publish_session (channel_id, started_at);
-- a session row's own mark (its start, or its end for an orphan end): where a channel's recomputing starts
CREATE INDEX publish_session_mark ON reporting.publish_session (channel_id, (coalesce(started_at, ended_at)));

INSERT INTO reporting.publish_session (channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
    is_orphan_end, day, hour, session_key, ended_by)
SELECT channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
       is_orphan_end, day, hour, session_key, ended_by
FROM reporting.publish_session_before_v18;
DROP TABLE reporting.publish_session_before_v18;

COMMENT ON TABLE reporting.publish_session IS 'Publish sessions: PUBLISH_START until the next PUBLISH_END of the same channel, or until the archive first saw the channel not publishing (status history, a run''s listing, deletion), whichever came first. Which channels are live now: the rows with is_open (a start with no end yet, its channel not seen otherwise since); channel_current.channel_status is only what the last listing said. Kept current by every archive run for the channels whose start or end events or observed status changed';
COMMENT ON COLUMN reporting.publish_session.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.publish_session.started_at IS 'PUBLISH_START instant (UTC); NULL for an orphan end';
COMMENT ON COLUMN reporting.publish_session.ended_at IS 'End of the session (UTC): its PUBLISH_END, or the first instant the archive saw the channel not publishing, whichever came first (ended_by); NULL while open or unterminated';
COMMENT ON COLUMN reporting.publish_session.duration_minutes IS 'Length in whole minutes, for ended sessions (ended_at - started_at)';
COMMENT ON COLUMN reporting.publish_session.is_open IS 'Live now as far as the archive knows: a start with no later start or end event, and its channel not seen anything but PUBLISHING since';
COMMENT ON COLUMN reporting.publish_session.is_unterminated IS 'A start followed by another start, with neither an end event nor a status that ended it in between: its end was never reported';
COMMENT ON COLUMN reporting.publish_session.is_orphan_end IS 'An end without a start before it (its start is older than the archive, or lost)';
COMMENT ON COLUMN reporting.publish_session.day IS 'Business day of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.publish_session.hour IS 'Business hour of day (0-23) of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.publish_session.session_key IS 'Key of the session: event_key of its start event (of the end event for an orphan end)';
COMMENT ON COLUMN reporting.publish_session.ended_by IS 'What ended the session: end_event (its PUBLISH_END; always so for an orphan end), status (the channel first seen READY, BLOCK, STOPPED or another status but PUBLISHING), deleted (first seen DELETED or FORCE_DELETED); NULL while open or unterminated';

ALTER TABLE reporting.recording_session RENAME TO recording_session_before_v18;
ALTER TABLE reporting.recording_session_before_v18 DROP CONSTRAINT recording_session_pkey;
DROP INDEX reporting.recording_session_channel, reporting.recording_session_mark;

CREATE TABLE reporting.recording_session (
    channel_id       text,
    started_at       timestamptz,
    ended_at         timestamptz,
    duration_minutes integer,
    is_open          boolean,
    is_unterminated  boolean,
    is_orphan_end    boolean,
    day              date,
    hour             integer,
    session_key      uuid        NOT NULL,
    ended_by         text,
    CONSTRAINT recording_session_pkey PRIMARY KEY (session_key)
);
CREATE INDEX recording_session_channel ON reporting.recording_session (channel_id, started_at);
CREATE INDEX recording_session_mark ON reporting.recording_session (channel_id, (coalesce(started_at, ended_at)));

INSERT INTO reporting.recording_session (channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
    is_orphan_end, day, hour, session_key, ended_by)
SELECT channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,
       is_orphan_end, day, hour, session_key, ended_by
FROM reporting.recording_session_before_v18;
DROP TABLE reporting.recording_session_before_v18;

COMMENT ON TABLE reporting.recording_session IS 'Recording sessions: ONAIR_START until the next ONAIR_END of the same channel, or until the archive first saw the channel not publishing (status history, a run''s listing, deletion), whichever came first. Kept current by every archive run for the channels whose start or end events or observed status changed';
COMMENT ON COLUMN reporting.recording_session.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.recording_session.started_at IS 'ONAIR_START instant (UTC); NULL for an orphan end';
COMMENT ON COLUMN reporting.recording_session.ended_at IS 'End of the session (UTC): its ONAIR_END, or the first instant the archive saw the channel not publishing, whichever came first (ended_by); NULL while open or unterminated';
COMMENT ON COLUMN reporting.recording_session.duration_minutes IS 'Length in whole minutes, for ended sessions (ended_at - started_at)';
COMMENT ON COLUMN reporting.recording_session.is_open IS 'Recording now as far as the archive knows: a start with no later start or end event, and its channel not seen anything but PUBLISHING since';
COMMENT ON COLUMN reporting.recording_session.is_unterminated IS 'A start followed by another start, with neither an end event nor a status that ended it in between: its end was never reported';
COMMENT ON COLUMN reporting.recording_session.is_orphan_end IS 'An end without a start before it';
COMMENT ON COLUMN reporting.recording_session.day IS 'Business day of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.recording_session.hour IS 'Business hour of day (0-23) of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.recording_session.session_key IS 'Key of the session: event_key of its start event (of the end event for an orphan end)';
COMMENT ON COLUMN reporting.recording_session.ended_by IS 'What ended the session: end_event (its ONAIR_END; always so for an orphan end), status (the channel first seen READY, BLOCK, STOPPED or another status but PUBLISHING), deleted (first seen DELETED or FORCE_DELETED); NULL while open or unterminated';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.publish_session, reporting.recording_session TO %I', '${reader_role}');
    END IF;
END $$;
