-- The ledger holds the runs of two jobs: the nightly archive (one instance per run date) and the
-- snapshot capture (one instance per time slot, every 15 minutes by default).
ALTER TABLE livestation.archive_run
    ADD COLUMN job_name text NOT NULL DEFAULT 'archiveJob',
    ADD COLUMN capture_slot timestamptz;
ALTER TABLE livestation.archive_run ALTER COLUMN job_name DROP DEFAULT;
CREATE INDEX archive_run_job ON livestation.archive_run (job_name, started_at);
COMMENT ON TABLE livestation.archive_run IS 'Run ledger: one row per job execution of the nightly archive (job_name archiveJob) and of the snapshot capture (snapshotCaptureJob). Item counts are for the job instance so far (a resumed run carries the counts of the executions before it); API counts are for this execution. items_read = items_written + items_already_archived + items_quarantined';
COMMENT ON COLUMN livestation.archive_run.job_name IS 'Which job the row belongs to: archiveJob (the nightly archive of run_date) or snapshotCaptureJob (a snapshot capture of capture_slot)';
COMMENT ON COLUMN livestation.archive_run.capture_slot IS 'The time slot a snapshot capture ran for (its identity); NULL for the nightly archive';
COMMENT ON COLUMN livestation.archive_run.run_date IS 'The night being archived (archive.run-date); for a snapshot capture, the business day of its slot';
COMMENT ON COLUMN livestation.archive_run.job_instance_id IS 'Spring Batch job instance id: one per run date (and per forced re-run) of the nightly archive, one per slot of the snapshot capture';

-- archive health is the nightly job's; captures add when the last one completed
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
        WHERE r.job_name = 'snapshotCaptureJob' AND r.status = 'COMPLETED') AS last_snapshot_capture_at
FROM latest l;
COMMENT ON VIEW reporting.archive_health IS 'Per run date: the latest execution of the nightly archive, its counts, how far the archive is complete, and when the last snapshot capture completed';
COMMENT ON COLUMN reporting.archive_health.executions IS 'Executions of the nightly archive for the run date (restarts included)';
COMMENT ON COLUMN reporting.archive_health.last_snapshot_capture_at IS 'When the last snapshot capture completed (same on every row); NULL when none has';
