-- reporting.channel_current: the latest known state of every channel, as the last run listed it
CREATE OR REPLACE VIEW reporting.channel_current AS
SELECT c.channel_id, c.channel_name, c.channel_status, c.channel_status_raw, h.valid_from AS status_since,
       (h.valid_from AT TIME ZONE s.time_zone)::date AS status_since_day,
       c.created_at, c.recent_publish_start_at, c.snapshot_id, c.is_recording, c.quality_set_name,
       last_event.occurred_at AS last_event_at, c.last_archived_at, c.channel_type
FROM livestation.channel c
CROSS JOIN reporting.setting s
LEFT JOIN livestation.channel_status_history h ON h.channel_id = c.channel_id AND h.valid_to IS NULL
LEFT JOIN LATERAL (SELECT e.occurred_at FROM livestation.channel_event e WHERE e.channel_id = c.channel_id
                   ORDER BY e.occurred_at DESC LIMIT 1) last_event ON true;
COMMENT ON VIEW reporting.channel_current IS 'The latest known state of every channel, as the last archive run listed it. Its channel_status is what that listing said at that instant; which channels are live now is reporting.publish_session WHERE is_open, reconstructed from the events and the status history';
COMMENT ON COLUMN reporting.channel_current.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.channel_current.channel_name IS 'Name as last listed';
COMMENT ON COLUMN reporting.channel_current.channel_status IS 'Normalized status as last listed (at the last archive run that listed the channel)';
COMMENT ON COLUMN reporting.channel_current.channel_status_raw IS 'Status exactly as received (also when it equals channel_status); NULL when the API sent none';
COMMENT ON COLUMN reporting.channel_current.status_since IS 'Since when the archive has seen this status (UTC)';
COMMENT ON COLUMN reporting.channel_current.status_since_day IS 'status_since as a business day';
COMMENT ON COLUMN reporting.channel_current.created_at IS 'Channel creation (UTC)';
COMMENT ON COLUMN reporting.channel_current.recent_publish_start_at IS 'Latest publish start as listed (UTC)';
COMMENT ON COLUMN reporting.channel_current.snapshot_id IS 'Snapshot id of the listing, if any';
COMMENT ON COLUMN reporting.channel_current.is_recording IS 'Whether recording was on';
COMMENT ON COLUMN reporting.channel_current.quality_set_name IS 'Quality set';
COMMENT ON COLUMN reporting.channel_current.last_event_at IS 'Latest archived event of the channel (UTC)';
COMMENT ON COLUMN reporting.channel_current.last_archived_at IS 'When the archive last stored a change of the channel';
COMMENT ON COLUMN reporting.channel_current.channel_type IS 'Kind of channel: LIVE, RE_STREAM or VOD2LIVE';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.channel_current TO %I', '${reader_role}');
    END IF;
END $$;
