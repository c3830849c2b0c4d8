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
