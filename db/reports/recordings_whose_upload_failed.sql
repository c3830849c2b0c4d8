-- Recordings whose upload failed.
-- Answers: which recordings never reached object storage, since when the archive has known it, and
-- how long Live Station still keeps its own copy (the time left to upload it by hand)?
SELECT channel_id,
       channel_name,
       record_id,
       file_name,
       began_local,
       minutes,
       status_since                 AS failure_seen_at,
       should_delete_at,
       is_kept_by_live_station
FROM reporting.recording_file
WHERE is_upload_failed
ORDER BY began_at DESC, channel_id, record_id;
