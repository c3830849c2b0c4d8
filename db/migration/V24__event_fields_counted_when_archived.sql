-- An event list read again (it changed somewhere, so it is parsed) brings back every event archived before it: its
-- fields are noted in reporting.api_fields only when one of them is not listed yet. What last_seen and records say
-- of an event's fields follows.
COMMENT ON COLUMN reporting.api_fields.last_seen_run_date IS 'Run date of the latest run that received it; for an event field, the latest run that archived an event carrying it (or received it first): events archived before and read again are not noted';
COMMENT ON COLUMN reporting.api_fields.last_seen_at IS 'Start of the latest run that received it (for an event field: that archived an event carrying it, or received it first)';
COMMENT ON COLUMN reporting.api_fields.last_seen_job_execution_id IS 'The job execution that last received it (for an event field: that archived an event carrying it, or received it first; livestation.archive_run)';
COMMENT ON COLUMN reporting.api_fields.records IS 'Records carrying it that the latest run to receive it read (a resumed run goes on counting, a new run starts again); records quarantined are not counted, nor events archived before (an event counts when archived, or when it carries a field first received)';
