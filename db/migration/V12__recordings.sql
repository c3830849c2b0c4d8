-- Each ONAIR_START .. ONAIR_END leaves a recording; Live Station drops its copy at should_delete_at.
CREATE TABLE livestation.recording (
    channel_id         text        NOT NULL,
    record_id          text        NOT NULL,
    record_type        text,
    status             text        NOT NULL,
    record_seq         bigint,
    stream_seq         bigint,
    record_begin_at    timestamptz,
    created_at         timestamptz,
    should_delete_at   timestamptz,
    duration_seconds   bigint,
    resolution         text,
    file_name          text,
    upload_path        text,
    object_storage_url text,
    video_bitrate      bigint,
    video_frame_rate   numeric,
    audio_bitrate      bigint,
    audio_codec        text,
    status_since       timestamptz NOT NULL,
    first_archived_at  timestamptz NOT NULL,
    last_archived_at   timestamptz NOT NULL,
    PRIMARY KEY (channel_id, record_id)
);
CREATE INDEX recording_unfinished ON livestation.recording (channel_id)
    WHERE status NOT IN ('TRANSFER_FINISH', 'TRANSFER_FAIL', 'DELETED');
COMMENT ON TABLE livestation.recording IS 'One row per recording of a channel (GET /api/v2/channels/{id}/records): its latest state as the archive saw it, kept after Live Station drops it';
COMMENT ON COLUMN livestation.recording.channel_id IS 'Channel that recorded';
COMMENT ON COLUMN livestation.recording.record_id IS 'Live Station record id';
COMMENT ON COLUMN livestation.recording.record_type IS 'MP4 or HLS';
COMMENT ON COLUMN livestation.recording.status IS 'Status as last seen, upper-case: RECORDING (and other in-progress values), then TRANSFER_FINISH, TRANSFER_FAIL or DELETED (final)';
COMMENT ON COLUMN livestation.recording.record_seq IS 'Sequence of the recording in its channel';
COMMENT ON COLUMN livestation.recording.stream_seq IS 'Sequence of the stream it recorded';
COMMENT ON COLUMN livestation.recording.record_begin_at IS 'When the recording began (UTC)';
COMMENT ON COLUMN livestation.recording.created_at IS 'When Live Station created the record (UTC)';
COMMENT ON COLUMN livestation.recording.should_delete_at IS 'When Live Station drops its own copy (UTC); the archive keeps the row';
COMMENT ON COLUMN livestation.recording.duration_seconds IS 'Length in seconds (the API sends seconds, unlike snapshot minutes)';
COMMENT ON COLUMN livestation.recording.resolution IS 'Resolution, e.g. 1920x1080';
COMMENT ON COLUMN livestation.recording.file_name IS 'File name';
COMMENT ON COLUMN livestation.recording.upload_path IS 'Upload path in object storage';
COMMENT ON COLUMN livestation.recording.object_storage_url IS 'Object storage URL of the uploaded file; NULL while the API says "-" (not uploaded)';
COMMENT ON COLUMN livestation.recording.video_bitrate IS 'Video bitrate as sent';
COMMENT ON COLUMN livestation.recording.video_frame_rate IS 'Video frame rate';
COMMENT ON COLUMN livestation.recording.audio_bitrate IS 'Audio bitrate as sent';
COMMENT ON COLUMN livestation.recording.audio_codec IS 'Audio codec, e.g. AAC';
COMMENT ON COLUMN livestation.recording.status_since IS 'When the archive first saw the recording in its current status (start of the run that saw it): when an upload finished or failed, to the precision of the runs';
COMMENT ON COLUMN livestation.recording.first_archived_at IS 'When the archive first stored the recording';
COMMENT ON COLUMN livestation.recording.last_archived_at IS 'When the archive last stored a change of it (unchanged recordings are not touched)';

CREATE TABLE livestation.recording_check (
    channel_id         text        PRIMARY KEY,
    checked_at         timestamptz NOT NULL,
    onair_seen_through timestamptz,
    channel_gone       boolean     NOT NULL DEFAULT false
);
COMMENT ON TABLE livestation.recording_check IS 'When each channel''s recordings were last asked for, and up to which ONAIR_START/ONAIR_END event: the nightly run asks only channels that can have new or changed recordings';
COMMENT ON COLUMN livestation.recording_check.channel_id IS 'Channel';
COMMENT ON COLUMN livestation.recording_check.checked_at IS 'Start of the run that last asked for its recordings';
COMMENT ON COLUMN livestation.recording_check.onair_seen_through IS 'Newest ONAIR_START or ONAIR_END event (occurred_at) archived when the recordings were last asked for';
COMMENT ON COLUMN livestation.recording_check.channel_gone IS 'The API answered "not found" for the channel when last asked: its unfinished recordings are not asked for again unless new recording events arrive';

ALTER TABLE livestation.archive_run
    ADD COLUMN recordings_read bigint NOT NULL DEFAULT 0,
    ADD COLUMN recordings_written bigint NOT NULL DEFAULT 0,
    ADD COLUMN recordings_unchanged bigint NOT NULL DEFAULT 0,
    ADD COLUMN recording_channels_asked bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN livestation.archive_run.recordings_read IS 'Recording records read';
COMMENT ON COLUMN livestation.archive_run.recordings_written IS 'Recordings inserted or changed (a new status, an upload finished)';
COMMENT ON COLUMN livestation.archive_run.recordings_unchanged IS 'Recordings already archived as received';
COMMENT ON COLUMN livestation.archive_run.recording_channels_asked IS 'Channels whose recordings were asked for: those with ONAIR events since they were last asked, and those with unfinished recordings';
COMMENT ON COLUMN livestation.archive_run.items_read IS 'All records read (channels + events + snapshots + recordings)';
