-- Snapshot info can be read for one hour after the snapshot's creation only. A listed snapshot whose
-- info is gone is not bad data: it is kept with what the listing said, marked as not captured.
-- Every snapshot archived before was archived from its info.
ALTER TABLE livestation.snapshot ADD COLUMN info_captured boolean NOT NULL DEFAULT true;
ALTER TABLE livestation.snapshot ALTER COLUMN info_captured DROP DEFAULT;
COMMENT ON TABLE livestation.snapshot IS 'Every snapshot a channel listing carried: its info when a run (the nightly run or a snapshot capture) read it within its hour, else what the listing said (info_captured = false)';
COMMENT ON COLUMN livestation.snapshot.info_captured IS 'Whether the snapshot info was read; false: listed, but its info expired (one hour after creation) before any run read it, so URL, times and duration are unknown';
COMMENT ON COLUMN livestation.snapshot.channel_status IS 'Normalized channel status at capture; for a snapshot not captured, the channel''s status when it was listed';

ALTER TABLE livestation.archive_run ADD COLUMN snapshots_expired bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN livestation.archive_run.snapshots_expired IS 'Listed snapshots archived without their info because it expired before any run read it (counted among snapshots_written; never quarantined)';
