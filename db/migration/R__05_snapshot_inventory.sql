-- reporting.snapshot_inventory: every listed snapshot, captured or expired, and whether its URL still plays
CREATE OR REPLACE VIEW reporting.snapshot_inventory AS
SELECT sn.channel_id, sn.snapshot_id, sn.snapshot_url, sn.channel_status, sn.created_at, sn.expire_at,
       sn.duration_minutes, sn.expire_at > now() AS is_url_valid,
       greatest(0, round(extract(epoch FROM sn.expire_at - now()) / 60))::integer AS minutes_until_expiry,
       (sn.created_at AT TIME ZONE s.time_zone)::date AS created_day,
       extract(hour FROM sn.created_at AT TIME ZONE s.time_zone)::integer AS created_hour,
       sn.info_captured, sn.first_archived_at AS listed_at,
       (sn.first_archived_at AT TIME ZONE s.time_zone)::date AS listed_day
FROM livestation.snapshot sn CROSS JOIN reporting.setting s;
COMMENT ON VIEW reporting.snapshot_inventory IS 'Every listed snapshot, captured (info read within its hour) or expired before capture, with whether its URL is still valid at query time';
COMMENT ON COLUMN reporting.snapshot_inventory.channel_id IS 'Channel that took the snapshot';
COMMENT ON COLUMN reporting.snapshot_inventory.snapshot_id IS 'Snapshot id';
COMMENT ON COLUMN reporting.snapshot_inventory.snapshot_url IS 'Playback URL';
COMMENT ON COLUMN reporting.snapshot_inventory.channel_status IS 'Channel status at capture';
COMMENT ON COLUMN reporting.snapshot_inventory.created_at IS 'Capture time (UTC)';
COMMENT ON COLUMN reporting.snapshot_inventory.expire_at IS 'URL expiry (UTC)';
COMMENT ON COLUMN reporting.snapshot_inventory.duration_minutes IS 'Requested length in minutes';
COMMENT ON COLUMN reporting.snapshot_inventory.is_url_valid IS 'Whether the URL is still valid now';
COMMENT ON COLUMN reporting.snapshot_inventory.minutes_until_expiry IS 'Minutes until the URL expires (0 once expired)';
COMMENT ON COLUMN reporting.snapshot_inventory.created_day IS 'Capture day in the business time zone';
COMMENT ON COLUMN reporting.snapshot_inventory.created_hour IS 'Capture hour of day in the business time zone';
COMMENT ON COLUMN reporting.snapshot_inventory.info_captured IS 'Whether its info was read; false: expired before any run read it (URL, times and duration unknown)';
COMMENT ON COLUMN reporting.snapshot_inventory.listed_at IS 'When the archive first saw the snapshot listed';
COMMENT ON COLUMN reporting.snapshot_inventory.listed_day IS 'listed_at as a business day: for counting captured and expired snapshots per day';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.snapshot_inventory TO %I', '${reader_role}');
    END IF;
END $$;
