-- reporting.recording_file: one row per recording, its upload state, local times and recording session
CREATE OR REPLACE VIEW reporting.recording_file AS
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
        EXECUTE format('GRANT SELECT ON reporting.recording_file TO %I', '${reader_role}');
    END IF;
END $$;
