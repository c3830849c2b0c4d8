-- An unchanged night should cost far less than a first load. The API has no change marker for a
-- channel's events, so the archive remembers a digest of the last event list of each channel whose
-- every event it committed; a later run that receives the very same bytes skips parsing them.
CREATE TABLE livestation.event_list_fingerprint (
    channel_id   text        PRIMARY KEY,
    digest       bytea       NOT NULL,
    events       bigint      NOT NULL,
    run_date     date        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE livestation.event_list_fingerprint IS 'Digest of the last event list of each channel whose every event is archived (none quarantined); a run that receives the same list again skips it';
COMMENT ON COLUMN livestation.event_list_fingerprint.channel_id IS 'Channel whose event list (GET /api/v2/events?channelId=) was digested';
COMMENT ON COLUMN livestation.event_list_fingerprint.digest IS 'SHA-256 of the whole response body';
COMMENT ON COLUMN livestation.event_list_fingerprint.events IS 'Number of events in that list';
COMMENT ON COLUMN livestation.event_list_fingerprint.run_date IS 'Run date that archived the list';
COMMENT ON COLUMN livestation.event_list_fingerprint.recorded_at IS 'When the digest was recorded';

ALTER TABLE livestation.archive_run ADD COLUMN event_lists_unchanged bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN livestation.archive_run.event_lists_unchanged IS 'Channels whose event list was byte for byte the one already archived: counted as read and already archived without being parsed';
