-- reporting.channel_coverage: per channel, the event history proven complete and the windows of possible loss
CREATE OR REPLACE VIEW reporting.channel_coverage AS
SELECT c.channel_id, c.channel_name, c.channel_type, v.covered_from, v.covered_through,
       (v.covered_from AT TIME ZONE s.time_zone)::date AS covered_from_day,
       (v.covered_through AT TIME ZONE s.time_zone)::date AS covered_through_day,
       coalesce(g.gaps, 0) AS gaps,
       g.newest_gap_after, g.newest_gap_before, g.newest_gap_detected_run_date,
       coalesce(g.gap_hours, 0) AS gap_hours,
       coalesce(g.gaps_filled, 0) AS gaps_filled,
       coalesce(cb.events, 0) AS events_from_callbacks,
       coalesce(v.events_missed_by_receiver, 0) AS events_missed_by_receiver
FROM livestation.channel c
CROSS JOIN reporting.setting s
LEFT JOIN livestation.event_coverage v ON v.channel_id = c.channel_id
LEFT JOIN LATERAL (
    SELECT count(*) AS gaps,
           round(sum(extract(epoch FROM x.before_at - x.after_at)) / 3600.0, 1) AS gap_hours,
           (array_agg(x.after_at ORDER BY x.after_at DESC))[1] AS newest_gap_after,
           (array_agg(x.before_at ORDER BY x.after_at DESC))[1] AS newest_gap_before,
           (array_agg(x.detected_run_date ORDER BY x.after_at DESC))[1] AS newest_gap_detected_run_date,
           count(*) FILTER (WHERE x.filled_at IS NOT NULL) AS gaps_filled
    FROM livestation.event_gap x WHERE x.channel_id = c.channel_id) g ON true
-- the partial index channel_event_from_callback: one probe per channel
LEFT JOIN LATERAL (
    SELECT count(*) AS events FROM livestation.channel_event e
    WHERE e.channel_id = c.channel_id AND e.event_source = 'callback') cb ON true;
COMMENT ON VIEW reporting.channel_coverage IS 'Per channel: from when through when the archive holds its event history, the windows in which events may have been lost, and what the callbacks added. "No events that day" is trustworthy inside the coverage and outside every gap not filled';
COMMENT ON COLUMN reporting.channel_coverage.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.channel_coverage.channel_name IS 'Name as last listed';
COMMENT ON COLUMN reporting.channel_coverage.channel_type IS 'Kind of channel';
COMMENT ON COLUMN reporting.channel_coverage.covered_from IS 'From when the archive holds its events (UTC); NULL before its list was first read whole';
COMMENT ON COLUMN reporting.channel_coverage.covered_through IS 'Through when (UTC): the last list read whole';
COMMENT ON COLUMN reporting.channel_coverage.covered_from_day IS 'covered_from as a business day';
COMMENT ON COLUMN reporting.channel_coverage.covered_through_day IS 'covered_through as a business day';
COMMENT ON COLUMN reporting.channel_coverage.gaps IS 'Windows of possible event loss (livestation.event_gap)';
COMMENT ON COLUMN reporting.channel_coverage.newest_gap_after IS 'Start of the newest such window (UTC)';
COMMENT ON COLUMN reporting.channel_coverage.newest_gap_before IS 'End of the newest such window (UTC)';
COMMENT ON COLUMN reporting.channel_coverage.newest_gap_detected_run_date IS 'Run date of the run that found the newest window';
COMMENT ON COLUMN reporting.channel_coverage.gap_hours IS 'Total length of the windows, in hours';
COMMENT ON COLUMN reporting.channel_coverage.gaps_filled IS 'Of the windows, those filled: the callback receiver was up throughout, so their events are archived from callbacks (livestation.event_gap.filled_at); gaps minus gaps_filled may have lost events';
COMMENT ON COLUMN reporting.channel_coverage.events_from_callbacks IS 'Events archived from their callbacks alone: no event list showed them (livestation.channel_event.event_source = callback)';
COMMENT ON COLUMN reporting.channel_coverage.events_missed_by_receiver IS 'Pulled events that occurred while a callback receiver was up and whose callback never came (livestation.event_coverage.events_missed_by_receiver): a registration or a receiver that misses events';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.channel_coverage TO %I', '${reader_role}');
    END IF;
END $$;
