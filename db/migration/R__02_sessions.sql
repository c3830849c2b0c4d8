-- reporting.sessions(start, end): every channel's sessions recounted whole, what the kept session tables must equal
CREATE OR REPLACE FUNCTION reporting.sessions(start_code text, end_code text)
RETURNS TABLE (channel_id text, mark_key uuid, started_at timestamptz, ended_at timestamptz, duration_minutes integer,
               is_open boolean, is_unterminated boolean, is_orphan_end boolean, ended_by text)
LANGUAGE sql STABLE AS $$
    SELECT * FROM reporting.sessions(start_code, end_code,
        ARRAY(SELECT DISTINCT e.channel_id FROM livestation.channel_event e WHERE e.event_code IN (start_code, end_code)),
        NULL)
$$;
COMMENT ON FUNCTION reporting.sessions(text, text) IS 'The sessions of every channel, recounted from the whole archive (reporting.sessions(start, end, channels, from) over every channel with start or end events)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text) TO %I', '${reader_role}');
    END IF;
END $$;
