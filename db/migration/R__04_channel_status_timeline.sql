-- reporting.channel_status_timeline: status intervals per channel, for Gantt-style charts
CREATE OR REPLACE VIEW reporting.channel_status_timeline AS
SELECT h.channel_id, h.channel_status, h.valid_from, h.valid_to, coalesce(h.valid_to, now()) AS valid_until,
       h.valid_to IS NULL AS is_current,
       round(extract(epoch FROM coalesce(h.valid_to, now()) - h.valid_from) / 60)::integer AS duration_minutes,
       (h.valid_from AT TIME ZONE s.time_zone)::date AS from_day,
       (coalesce(h.valid_to, now()) AT TIME ZONE s.time_zone)::date AS until_day
FROM livestation.channel_status_history h CROSS JOIN reporting.setting s;
COMMENT ON VIEW reporting.channel_status_timeline IS 'Status intervals per channel, ready for a Gantt-style chart';
COMMENT ON COLUMN reporting.channel_status_timeline.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.channel_status_timeline.channel_status IS 'Status during the interval';
COMMENT ON COLUMN reporting.channel_status_timeline.valid_from IS 'Start of the interval (UTC)';
COMMENT ON COLUMN reporting.channel_status_timeline.valid_to IS 'End of the interval (UTC); NULL while current';
COMMENT ON COLUMN reporting.channel_status_timeline.valid_until IS 'End of the interval, now() while current: the bar end of a chart';
COMMENT ON COLUMN reporting.channel_status_timeline.is_current IS 'Whether this is the current status';
COMMENT ON COLUMN reporting.channel_status_timeline.duration_minutes IS 'Length of the interval in minutes (so far, when current)';
COMMENT ON COLUMN reporting.channel_status_timeline.from_day IS 'valid_from as a business day';
COMMENT ON COLUMN reporting.channel_status_timeline.until_day IS 'valid_until as a business day';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.channel_status_timeline TO %I', '${reader_role}');
    END IF;
END $$;
