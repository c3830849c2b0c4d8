-- reporting.archive_health: per run date, how the nightly archive went and how far it is complete
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
       (SELECT count(DISTINCT g.channel_id) FROM livestation.event_gap g) AS channels_with_gaps,
       (SELECT count(*) FROM livestation.event_gap g WHERE g.detected_run_date = l.run_date AND g.filled_at IS NOT NULL) AS event_gaps_filled,
       coalesce((l.counts ->> 'callbacks.archived')::bigint, 0) AS callbacks_archived,
       coalesce((l.counts ->> 'events.missed_by_receiver')::bigint, 0) AS events_missed_by_receiver
FROM latest l;
COMMENT ON VIEW reporting.archive_health IS 'Per run date: the latest execution of the nightly archive, its counts, how far the archive is complete, the windows of possible event loss it found, and when the last snapshot capture completed';
COMMENT ON COLUMN reporting.archive_health.run_date IS 'Run date';
COMMENT ON COLUMN reporting.archive_health.status IS 'Status of the latest execution of the run date';
COMMENT ON COLUMN reporting.archive_health.started_at IS 'Start of that execution';
COMMENT ON COLUMN reporting.archive_health.finished_at IS 'End of that execution';
COMMENT ON COLUMN reporting.archive_health.job_execution_id IS 'That execution';
COMMENT ON COLUMN reporting.archive_health.executions IS 'Executions of the nightly archive for the run date (restarts included)';
COMMENT ON COLUMN reporting.archive_health.items_read IS 'Records read for the run date';
COMMENT ON COLUMN reporting.archive_health.items_written IS 'Records written';
COMMENT ON COLUMN reporting.archive_health.items_already_archived IS 'Records already archived';
COMMENT ON COLUMN reporting.archive_health.items_quarantined IS 'Records quarantined';
COMMENT ON COLUMN reporting.archive_health.events_written IS 'Events newly archived';
COMMENT ON COLUMN reporting.archive_health.listing_drift IS 'Unresolved drift of the channel list';
COMMENT ON COLUMN reporting.archive_health.api_retries IS 'API retries of that execution';
COMMENT ON COLUMN reporting.archive_health.exit_message IS 'Why it did not complete, if it did not';
COMMENT ON COLUMN reporting.archive_health.archived_completely_through IS 'Latest date up to which every run date, from the first, has a COMPLETED run (same on every row)';
COMMENT ON COLUMN reporting.archive_health.last_snapshot_capture_at IS 'When the last snapshot capture completed (same on every row); NULL when none has';
COMMENT ON COLUMN reporting.archive_health.event_gaps IS 'Windows of possible event loss found by the runs of this run date (livestation.event_gap)';
COMMENT ON COLUMN reporting.archive_health.channels_with_gaps IS 'Channels with at least one such window in their history, ever (same on every row)';
COMMENT ON COLUMN reporting.archive_health.event_gaps_filled IS 'Of the windows found by the runs of this run date, those filled since: the callback receiver was up throughout, their events archived from callbacks';
COMMENT ON COLUMN reporting.archive_health.callbacks_archived IS 'Events the latest execution archived from their callbacks alone, no event list having shown them (its callbacks.archived count)';
COMMENT ON COLUMN reporting.archive_health.events_missed_by_receiver IS 'Pulled events the latest execution found missed by the callback receiver while it was up (its events.missed_by_receiver count)';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.archive_health TO %I', '${reader_role}');
    END IF;
END $$;
