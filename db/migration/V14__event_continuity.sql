-- Live Station documents no retention for events: the archive proves, run after run, that it holds
-- every event of each channel, and records every window in which events may have been lost.
CREATE TABLE livestation.event_coverage (
    channel_id       text        PRIMARY KEY,
    covered_from     timestamptz NOT NULL,
    covered_through  timestamptz NOT NULL,
    last_list_events bigint      NOT NULL,
    last_list_oldest timestamptz,
    last_run_date    date        NOT NULL,
    CHECK (covered_through >= covered_from)
);
COMMENT ON TABLE livestation.event_coverage IS 'Per channel, the stretch of its event history the archive holds: from when, through the last event list read (windows where events may have been lost in between are in event_gap)';
COMMENT ON COLUMN livestation.event_coverage.channel_id IS 'Channel';
COMMENT ON COLUMN livestation.event_coverage.covered_from IS 'From when the archive holds the channel''s events: what its first event list proved';
COMMENT ON COLUMN livestation.event_coverage.covered_through IS 'Through when: the instant the last event list of the channel was read whole';
COMMENT ON COLUMN livestation.event_coverage.last_list_events IS 'Events the last list read held';
COMMENT ON COLUMN livestation.event_coverage.last_list_oldest IS 'Oldest event of the last list read (NULL: it held none, or it was byte for byte the one before)';
COMMENT ON COLUMN livestation.event_coverage.last_run_date IS 'Run date of the run that read that list';

CREATE TABLE livestation.event_gap (
    channel_id         text        NOT NULL,
    after_at           timestamptz NOT NULL,
    before_at          timestamptz NOT NULL,
    detected_run_date  date        NOT NULL,
    job_execution_id   bigint      NOT NULL,
    detected_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, after_at),
    CHECK (before_at > after_at)
);
CREATE INDEX event_gap_detected ON livestation.event_gap (detected_run_date);
COMMENT ON TABLE livestation.event_gap IS 'Windows in which events of a channel may have been lost: the event list a run read no longer reached back to what the archive covered (events expired, or the list was capped, before a run read them). Each window is recorded once';
COMMENT ON COLUMN livestation.event_gap.channel_id IS 'Channel';
COMMENT ON COLUMN livestation.event_gap.after_at IS 'Start of the window: the archive held every event of the channel through this instant';
COMMENT ON COLUMN livestation.event_gap.before_at IS 'End of the window: from this instant the list read proved every event held again';
COMMENT ON COLUMN livestation.event_gap.detected_run_date IS 'Run date of the run that found the window';
COMMENT ON COLUMN livestation.event_gap.job_execution_id IS 'Job execution that found it (livestation.archive_run)';
COMMENT ON COLUMN livestation.event_gap.detected_at IS 'When it was recorded';

CREATE TABLE livestation.event_list_evidence (
    id                boolean     PRIMARY KEY DEFAULT true CHECK (id),
    longest_span      interval    NOT NULL,
    largest_list      bigint      NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE livestation.event_list_evidence IS 'What every event list read so far says about the API (one row): retention is at least the longest span, and a list as long as the largest may have been capped';
COMMENT ON COLUMN livestation.event_list_evidence.id IS 'Always true: the table has one row';
COMMENT ON COLUMN livestation.event_list_evidence.longest_span IS 'Longest time back any list reached (its read instant minus its oldest event): a lower bound of the undocumented retention';
COMMENT ON COLUMN livestation.event_list_evidence.largest_list IS 'Most events any one list held';
COMMENT ON COLUMN livestation.event_list_evidence.updated_at IS 'When a run last added to it';

ALTER TABLE livestation.archive_run ADD COLUMN event_gaps bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN livestation.archive_run.event_gaps IS 'Windows of possible event loss this run found (rows of livestation.event_gap)';

CREATE VIEW reporting.channel_coverage AS
SELECT c.channel_id, c.channel_name, c.channel_type, v.covered_from, v.covered_through,
       (v.covered_from AT TIME ZONE s.time_zone)::date AS covered_from_day,
       (v.covered_through AT TIME ZONE s.time_zone)::date AS covered_through_day,
       coalesce(g.gaps, 0) AS gaps,
       g.newest_gap_after, g.newest_gap_before, g.newest_gap_detected_run_date,
       coalesce(g.gap_hours, 0) AS gap_hours
FROM livestation.channel c
CROSS JOIN reporting.setting s
LEFT JOIN livestation.event_coverage v ON v.channel_id = c.channel_id
LEFT JOIN LATERAL (
    SELECT count(*) AS gaps,
           round(sum(extract(epoch FROM x.before_at - x.after_at)) / 3600.0, 1) AS gap_hours,
           (array_agg(x.after_at ORDER BY x.after_at DESC))[1] AS newest_gap_after,
           (array_agg(x.before_at ORDER BY x.after_at DESC))[1] AS newest_gap_before,
           (array_agg(x.detected_run_date ORDER BY x.after_at DESC))[1] AS newest_gap_detected_run_date
    FROM livestation.event_gap x WHERE x.channel_id = c.channel_id) g ON true;
COMMENT ON VIEW reporting.channel_coverage IS 'Per channel: from when through when the archive holds its event history, and the windows in which events may have been lost. "No events that day" is trustworthy inside the coverage and outside every gap';
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

-- archive health is the nightly job's (the ledger holds the captures' runs too, since V11); it adds
-- when the last capture completed and the gaps found
CREATE OR REPLACE VIEW reporting.archive_health AS
WITH latest AS (
    SELECT DISTINCT ON (run_date) *
    FROM livestation.archive_run
    WHERE job_name = 'archiveJob'
    ORDER BY run_date, started_at DESC, job_execution_id DESC
), first_gap AS (
    -- the first date, from the first archived one on, without a completed run
    SELECT min(d)::date AS day
    FROM generate_series((SELECT min(run_date) FROM latest), (SELECT max(run_date) FROM latest) + 1, interval '1 day') d
    WHERE NOT EXISTS (SELECT 1 FROM latest l WHERE l.run_date = d::date AND l.status = 'COMPLETED')
)
SELECT l.run_date, l.status, l.started_at, l.finished_at, l.job_execution_id,
       (SELECT count(*) FROM livestation.archive_run r WHERE r.run_date = l.run_date AND r.job_name = 'archiveJob') AS executions,
       l.items_read, l.items_written, l.items_already_archived, l.items_quarantined, l.events_written,
       l.listing_drift, l.api_retries, l.exit_message,
       (SELECT day - 1 FROM first_gap) AS archived_completely_through,
       (SELECT max(r.finished_at) FROM livestation.archive_run r
        WHERE r.job_name = 'snapshotCaptureJob' AND r.status = 'COMPLETED') AS last_snapshot_capture_at,
       (SELECT count(*) FROM livestation.event_gap g WHERE g.detected_run_date = l.run_date) AS event_gaps,
       (SELECT count(DISTINCT g.channel_id) FROM livestation.event_gap g) AS channels_with_gaps
FROM latest l;
COMMENT ON VIEW reporting.archive_health IS 'Per run date: the latest execution of the nightly archive, its counts, how far the archive is complete, the windows of possible event loss it found, and when the last snapshot capture completed';
COMMENT ON COLUMN reporting.archive_health.executions IS 'Executions of the nightly archive for the run date (restarts included)';
COMMENT ON COLUMN reporting.archive_health.last_snapshot_capture_at IS 'When the last snapshot capture completed (same on every row); NULL when none has';
COMMENT ON COLUMN reporting.archive_health.event_gaps IS 'Windows of possible event loss found by the runs of this run date (livestation.event_gap)';
COMMENT ON COLUMN reporting.archive_health.channels_with_gaps IS 'Channels with at least one such window in their history, ever (same on every row)';
