-- Reporting layer: stable views for analysts and BI. Aggregates over the event history are
-- materialized views, refreshed (concurrently: readers are never blocked) by the job's finish step.
CREATE SCHEMA IF NOT EXISTS reporting;
COMMENT ON SCHEMA reporting IS 'Views over the Live Station archive for analysts and BI tools (read-only)';

CREATE TABLE reporting.setting (
    id        boolean PRIMARY KEY DEFAULT true CHECK (id),
    time_zone text    NOT NULL DEFAULT 'Asia/Seoul'
);
INSERT INTO reporting.setting DEFAULT VALUES;
COMMENT ON TABLE reporting.setting IS 'Reporting settings (one row), kept in step with the job''s archive.time-zone at every run';
COMMENT ON COLUMN reporting.setting.id IS 'Always true: there is one row';
COMMENT ON COLUMN reporting.setting.time_zone IS 'Business time zone of the day/hour columns (IANA name)';

-- PUBLISH_START..PUBLISH_END and ONAIR_START..ONAIR_END share one pairing rule, written once:
-- one ordered pass over the channel's start and end marks
CREATE FUNCTION reporting.sessions(start_code text, end_code text)
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
        FROM livestation.channel_event e
        WHERE e.event_code IN (start_code, end_code)
        WINDOW w AS (PARTITION BY e.channel_id ORDER BY e.occurred_at, e.event_code DESC, e.event_key)
    ) m
    -- every start; an end only when the mark before it is not a start: an orphan, never paired with an older session
    WHERE m.is_start OR m.previous_code IS NULL OR m.previous_code = end_code
$$;
COMMENT ON FUNCTION reporting.sessions(text, text) IS 'Pairs each start event with the next end event of the same channel; flags open starts, starts followed by another start, and ends without a start';

CREATE MATERIALIZED VIEW reporting.daily_channel_events AS
SELECT (e.occurred_at AT TIME ZONE s.time_zone)::date AS day, e.channel_id, e.event_code, e.log_level,
       count(*)::bigint AS events
FROM livestation.channel_event e CROSS JOIN reporting.setting s
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX daily_channel_events_key ON reporting.daily_channel_events (day, channel_id, event_code, log_level);
CREATE INDEX daily_channel_events_channel ON reporting.daily_channel_events (channel_id, day);
COMMENT ON MATERIALIZED VIEW reporting.daily_channel_events IS 'Events per business day, channel, code and level (refreshed by every archive run)';
COMMENT ON COLUMN reporting.daily_channel_events.day IS 'Day in the business time zone (reporting.setting)';
COMMENT ON COLUMN reporting.daily_channel_events.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.daily_channel_events.event_code IS 'Normalized event code';
COMMENT ON COLUMN reporting.daily_channel_events.log_level IS 'INFO or ERROR (NULL when the API sent none)';
COMMENT ON COLUMN reporting.daily_channel_events.events IS 'Number of events';

CREATE MATERIALIZED VIEW reporting.publish_session AS
SELECT x.channel_id, x.started_at, x.ended_at, x.duration_minutes, x.is_open, x.is_unterminated, x.is_orphan_end,
       (coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::date AS day,
       extract(hour FROM coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::integer AS hour,
       x.mark_key AS session_key
FROM reporting.sessions('PUBLISH_START', 'PUBLISH_END') x CROSS JOIN reporting.setting s;
CREATE UNIQUE INDEX publish_session_key ON reporting.publish_session (session_key);
CREATE INDEX publish_session_channel ON reporting.publish_session (channel_id, started_at);
COMMENT ON MATERIALIZED VIEW reporting.publish_session IS 'Publish sessions: PUBLISH_START paired with the next PUBLISH_END of the same channel (refreshed by every archive run)';
COMMENT ON COLUMN reporting.publish_session.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.publish_session.started_at IS 'PUBLISH_START instant (UTC); NULL for an orphan end';
COMMENT ON COLUMN reporting.publish_session.ended_at IS 'PUBLISH_END instant (UTC); NULL while open or when the end is missing';
COMMENT ON COLUMN reporting.publish_session.duration_minutes IS 'Length in whole minutes, for closed sessions';
COMMENT ON COLUMN reporting.publish_session.is_open IS 'A start with no later start or end: still publishing as far as the archive knows';
COMMENT ON COLUMN reporting.publish_session.is_unterminated IS 'A start followed by another start: its end was never reported';
COMMENT ON COLUMN reporting.publish_session.is_orphan_end IS 'An end without a start before it (its start is older than the archive, or lost)';
COMMENT ON COLUMN reporting.publish_session.day IS 'Business day of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.publish_session.hour IS 'Business hour of day (0-23) of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.publish_session.session_key IS 'Key of the session: event_key of its start event (of the end event for an orphan end)';

CREATE MATERIALIZED VIEW reporting.recording_session AS
SELECT x.channel_id, x.started_at, x.ended_at, x.duration_minutes, x.is_open, x.is_unterminated, x.is_orphan_end,
       (coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::date AS day,
       extract(hour FROM coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::integer AS hour,
       x.mark_key AS session_key
FROM reporting.sessions('ONAIR_START', 'ONAIR_END') x CROSS JOIN reporting.setting s;
CREATE UNIQUE INDEX recording_session_key ON reporting.recording_session (session_key);
CREATE INDEX recording_session_channel ON reporting.recording_session (channel_id, started_at);
COMMENT ON MATERIALIZED VIEW reporting.recording_session IS 'Recording sessions: ONAIR_START paired with the next ONAIR_END of the same channel (refreshed by every archive run)';
COMMENT ON COLUMN reporting.recording_session.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.recording_session.started_at IS 'ONAIR_START instant (UTC); NULL for an orphan end';
COMMENT ON COLUMN reporting.recording_session.ended_at IS 'ONAIR_END instant (UTC); NULL while open or when the end is missing';
COMMENT ON COLUMN reporting.recording_session.duration_minutes IS 'Length in whole minutes, for closed sessions';
COMMENT ON COLUMN reporting.recording_session.is_open IS 'A start with no later start or end: still recording as far as the archive knows';
COMMENT ON COLUMN reporting.recording_session.is_unterminated IS 'A start followed by another start: its end was never reported';
COMMENT ON COLUMN reporting.recording_session.is_orphan_end IS 'An end without a start before it';
COMMENT ON COLUMN reporting.recording_session.day IS 'Business day of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.recording_session.hour IS 'Business hour of day (0-23) of the start (of the end for an orphan end)';
COMMENT ON COLUMN reporting.recording_session.session_key IS 'Key of the session: event_key of its start event (of the end event for an orphan end)';

CREATE VIEW reporting.channel_current AS
SELECT c.channel_id, c.channel_name, c.channel_status, c.channel_status_raw, h.valid_from AS status_since,
       (h.valid_from AT TIME ZONE s.time_zone)::date AS status_since_day,
       c.created_at, c.recent_publish_start_at, c.snapshot_id, c.is_recording, c.quality_set_name,
       last_event.occurred_at AS last_event_at, c.last_archived_at
FROM livestation.channel c
CROSS JOIN reporting.setting s
LEFT JOIN livestation.channel_status_history h ON h.channel_id = c.channel_id AND h.valid_to IS NULL
LEFT JOIN LATERAL (SELECT e.occurred_at FROM livestation.channel_event e WHERE e.channel_id = c.channel_id
                   ORDER BY e.occurred_at DESC LIMIT 1) last_event ON true;
COMMENT ON VIEW reporting.channel_current IS 'The latest known state of every channel';
COMMENT ON COLUMN reporting.channel_current.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.channel_current.channel_name IS 'Name as last listed';
COMMENT ON COLUMN reporting.channel_current.channel_status IS 'Current normalized status';
COMMENT ON COLUMN reporting.channel_current.channel_status_raw IS 'Status as received, when it differed';
COMMENT ON COLUMN reporting.channel_current.status_since IS 'Since when the archive has seen this status (UTC)';
COMMENT ON COLUMN reporting.channel_current.status_since_day IS 'status_since as a business day';
COMMENT ON COLUMN reporting.channel_current.created_at IS 'Channel creation (UTC)';
COMMENT ON COLUMN reporting.channel_current.recent_publish_start_at IS 'Latest publish start as listed (UTC)';
COMMENT ON COLUMN reporting.channel_current.snapshot_id IS 'Snapshot id of the listing, if any';
COMMENT ON COLUMN reporting.channel_current.is_recording IS 'Whether recording was on';
COMMENT ON COLUMN reporting.channel_current.quality_set_name IS 'Quality set';
COMMENT ON COLUMN reporting.channel_current.last_event_at IS 'Latest archived event of the channel (UTC)';
COMMENT ON COLUMN reporting.channel_current.last_archived_at IS 'When the archive last stored a change of the channel';

CREATE VIEW reporting.channel_status_timeline AS
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

CREATE VIEW reporting.snapshot_inventory AS
SELECT sn.channel_id, sn.snapshot_id, sn.snapshot_url, sn.channel_status, sn.created_at, sn.expire_at,
       sn.duration_minutes, sn.expire_at > now() AS is_url_valid,
       greatest(0, round(extract(epoch FROM sn.expire_at - now()) / 60))::integer AS minutes_until_expiry,
       (sn.created_at AT TIME ZONE s.time_zone)::date AS created_day,
       extract(hour FROM sn.created_at AT TIME ZONE s.time_zone)::integer AS created_hour
FROM livestation.snapshot sn CROSS JOIN reporting.setting s;
COMMENT ON VIEW reporting.snapshot_inventory IS 'Archived snapshots, with whether their URL is still valid at query time';
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

CREATE VIEW reporting.archive_health AS
WITH latest AS (
    SELECT DISTINCT ON (run_date) *
    FROM livestation.archive_run
    ORDER BY run_date, started_at DESC, job_execution_id DESC
), first_gap AS (
    -- the first date, from the first archived one on, without a completed run
    SELECT min(d)::date AS day
    FROM generate_series((SELECT min(run_date) FROM latest), (SELECT max(run_date) FROM latest) + 1, interval '1 day') d
    WHERE NOT EXISTS (SELECT 1 FROM latest l WHERE l.run_date = d::date AND l.status = 'COMPLETED')
)
SELECT l.run_date, l.status, l.started_at, l.finished_at, l.job_execution_id,
       (SELECT count(*) FROM livestation.archive_run r WHERE r.run_date = l.run_date) AS executions,
       l.items_read, l.items_written, l.items_already_archived, l.items_quarantined, l.events_written,
       l.listing_drift, l.api_retries, l.exit_message,
       (SELECT day - 1 FROM first_gap) AS archived_completely_through
FROM latest l;
COMMENT ON VIEW reporting.archive_health IS 'Per run date: the latest execution, its counts, and how far the archive is complete';
COMMENT ON COLUMN reporting.archive_health.run_date IS 'Run date';
COMMENT ON COLUMN reporting.archive_health.status IS 'Status of the latest execution of the run date';
COMMENT ON COLUMN reporting.archive_health.started_at IS 'Start of that execution';
COMMENT ON COLUMN reporting.archive_health.finished_at IS 'End of that execution';
COMMENT ON COLUMN reporting.archive_health.job_execution_id IS 'That execution';
COMMENT ON COLUMN reporting.archive_health.executions IS 'Executions of the run date (restarts included)';
COMMENT ON COLUMN reporting.archive_health.items_read IS 'Records read for the run date';
COMMENT ON COLUMN reporting.archive_health.items_written IS 'Records written';
COMMENT ON COLUMN reporting.archive_health.items_already_archived IS 'Records already archived';
COMMENT ON COLUMN reporting.archive_health.items_quarantined IS 'Records quarantined';
COMMENT ON COLUMN reporting.archive_health.events_written IS 'Events newly archived';
COMMENT ON COLUMN reporting.archive_health.listing_drift IS 'Unresolved drift of the channel list';
COMMENT ON COLUMN reporting.archive_health.api_retries IS 'API retries of that execution';
COMMENT ON COLUMN reporting.archive_health.exit_message IS 'Why it did not complete, if it did not';
COMMENT ON COLUMN reporting.archive_health.archived_completely_through IS 'Latest date up to which every run date, from the first, has a COMPLETED run (same on every row)';
