-- The archive: what Live Station knew about the account's channels, kept for good.
CREATE SCHEMA IF NOT EXISTS livestation;
COMMENT ON SCHEMA livestation IS 'Archive of NAVER Cloud Live Station channels, events and snapshots, written by the nightly archive job';

CREATE TABLE livestation.channel (
    channel_id              text        PRIMARY KEY,
    channel_name            text,
    channel_status          text        NOT NULL,
    channel_status_raw      text,
    quality_set_name        text,
    output_protocol         text,
    is_recording            boolean,
    timemachine_min         integer,
    created_at              timestamptz,
    recent_publish_start_at timestamptz,
    snapshot_id             bigint,
    first_archived_at       timestamptz NOT NULL,
    last_archived_at        timestamptz NOT NULL
);
COMMENT ON TABLE livestation.channel IS 'One row per Live Station channel ever listed; the latest listed state. Stream keys and publish URLs are never stored';
COMMENT ON COLUMN livestation.channel.channel_id IS 'Live Station channel id (ls-YYYYMMDDhhmmss-xxxxx); do not derive times from it';
COMMENT ON COLUMN livestation.channel.channel_name IS 'Channel name as last listed';
COMMENT ON COLUMN livestation.channel.channel_status IS 'Normalized status: CREATING, READY, PUBLISHING, DELETED, BLOCK, FORCE_BLOCK, FORCE_DELETED, RESERVED, or UNKNOWN';
COMMENT ON COLUMN livestation.channel.channel_status_raw IS 'Status exactly as received (e.g. legacy PUBLISH), kept when normalization changed or did not recognise it';
COMMENT ON COLUMN livestation.channel.quality_set_name IS 'Name of the encoding quality set';
COMMENT ON COLUMN livestation.channel.output_protocol IS 'Output protocol (HLS, LL_HLS, ...)';
COMMENT ON COLUMN livestation.channel.is_recording IS 'Whether recording was on when last listed';
COMMENT ON COLUMN livestation.channel.timemachine_min IS 'Time machine (DVR) window in minutes';
COMMENT ON COLUMN livestation.channel.created_at IS 'When the channel was created (UTC)';
COMMENT ON COLUMN livestation.channel.recent_publish_start_at IS 'Start of the latest publish as last listed (UTC)';
COMMENT ON COLUMN livestation.channel.snapshot_id IS 'Snapshot id the listing carried (snapshot.snapshotId), if any';
COMMENT ON COLUMN livestation.channel.first_archived_at IS 'When the archive first stored this channel';
COMMENT ON COLUMN livestation.channel.last_archived_at IS 'When the archive last stored a change of this channel (unchanged listings do not touch the row)';

CREATE TABLE livestation.channel_status_history (
    channel_id         text        NOT NULL,
    channel_status     text        NOT NULL,
    channel_status_raw text,
    valid_from         timestamptz NOT NULL,
    valid_to           timestamptz,
    PRIMARY KEY (channel_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX channel_status_history_open ON livestation.channel_status_history (channel_id) WHERE valid_to IS NULL;
COMMENT ON TABLE livestation.channel_status_history IS 'Type-2 history of channel status as observed by the archive: one open row (valid_to NULL) per channel';
COMMENT ON COLUMN livestation.channel_status_history.channel_id IS 'Live Station channel id';
COMMENT ON COLUMN livestation.channel_status_history.channel_status IS 'Normalized status during the interval';
COMMENT ON COLUMN livestation.channel_status_history.channel_status_raw IS 'Status as received when the interval opened';
COMMENT ON COLUMN livestation.channel_status_history.valid_from IS 'First observation of this status (start of the archive run that saw it)';
COMMENT ON COLUMN livestation.channel_status_history.valid_to IS 'First observation of the next status; NULL while current';

CREATE TABLE livestation.channel_event (
    event_key        uuid        NOT NULL,
    channel_id       text        NOT NULL,
    event_code       text        NOT NULL,
    log_level        text,
    description      text,
    occurred_at      timestamptz NOT NULL,
    timestamp_scaled boolean     NOT NULL DEFAULT false,
    channel_source   text        NOT NULL,
    archived_at      timestamptz NOT NULL DEFAULT now(),
    -- event_key is derived from channel_id and occurred_at among others, so this key is as unique as
    -- event_key alone; leading with the channel and the instant keeps inserts local and serves
    -- every per-channel time range query, so the table needs no second index
    CONSTRAINT channel_event_pkey PRIMARY KEY (channel_id, occurred_at, event_key)
);
COMMENT ON TABLE livestation.channel_event IS 'One row per distinct Live Station channel event; events have no id of their own, event_key is derived from their content';
COMMENT ON COLUMN livestation.channel_event.event_key IS 'Deterministic key: name-based UUID of (channel_id, event_code, log_level, description, occurred_at in ms)';
COMMENT ON COLUMN livestation.channel_event.channel_id IS 'Channel of the event: its own channelId, else the requested channel, else the ls- id in the description';
COMMENT ON COLUMN livestation.channel_event.event_code IS 'Normalized (trimmed, upper-case) event code such as PUBLISH_START; unknown codes are kept';
COMMENT ON COLUMN livestation.channel_event.log_level IS 'INFO or ERROR, upper-case';
COMMENT ON COLUMN livestation.channel_event.description IS 'Description as received';
COMMENT ON COLUMN livestation.channel_event.occurred_at IS 'When the event happened (UTC)';
COMMENT ON COLUMN livestation.channel_event.timestamp_scaled IS 'True when the timestamp arrived in seconds and was scaled to milliseconds';
COMMENT ON COLUMN livestation.channel_event.channel_source IS 'Where channel_id came from: event, request or description';
COMMENT ON COLUMN livestation.channel_event.archived_at IS 'When the archive first stored the event';

CREATE TABLE livestation.snapshot (
    channel_id         text        NOT NULL,
    snapshot_id        bigint      NOT NULL,
    snapshot_url       text,
    channel_status     text,
    channel_status_raw text,
    created_at         timestamptz,
    expire_at          timestamptz,
    duration_minutes   integer,
    first_archived_at  timestamptz NOT NULL,
    last_archived_at   timestamptz NOT NULL,
    PRIMARY KEY (channel_id, snapshot_id)
);
COMMENT ON TABLE livestation.snapshot IS 'Snapshot metadata of channels whose listing carried a snapshot id';
COMMENT ON COLUMN livestation.snapshot.channel_id IS 'Channel that took the snapshot';
COMMENT ON COLUMN livestation.snapshot.snapshot_id IS 'Snapshot id';
COMMENT ON COLUMN livestation.snapshot.snapshot_url IS 'Playback URL; valid one hour after creation';
COMMENT ON COLUMN livestation.snapshot.channel_status IS 'Normalized channel status at capture';
COMMENT ON COLUMN livestation.snapshot.channel_status_raw IS 'Channel status at capture as received';
COMMENT ON COLUMN livestation.snapshot.created_at IS 'When the snapshot was created (UTC)';
COMMENT ON COLUMN livestation.snapshot.expire_at IS 'When the snapshot URL expires (UTC)';
COMMENT ON COLUMN livestation.snapshot.duration_minutes IS 'Requested snapshot length in minutes';
COMMENT ON COLUMN livestation.snapshot.first_archived_at IS 'When the archive first stored the snapshot';
COMMENT ON COLUMN livestation.snapshot.last_archived_at IS 'When the archive last stored a change of it';

CREATE TABLE livestation.listed_channel (
    run_date    date   NOT NULL,
    channel_id  text   NOT NULL,
    snapshot_id bigint,
    PRIMARY KEY (run_date, channel_id)
);
COMMENT ON TABLE livestation.listed_channel IS 'The channel list as seen by the run of each run date: which channels existed that night';
COMMENT ON COLUMN livestation.listed_channel.run_date IS 'Run date of the archive run';
COMMENT ON COLUMN livestation.listed_channel.channel_id IS 'Channel present in the listing';
COMMENT ON COLUMN livestation.listed_channel.snapshot_id IS 'Snapshot id the listing carried, if any';

CREATE TABLE livestation.archive_run (
    job_execution_id        bigint      PRIMARY KEY,
    job_instance_id         bigint      NOT NULL,
    run_date                date        NOT NULL,
    status                  text        NOT NULL,
    exit_code               text,
    exit_message            text,
    started_at              timestamptz NOT NULL,
    finished_at             timestamptz,
    channels_listed         bigint      NOT NULL DEFAULT 0,
    channels_read           bigint      NOT NULL DEFAULT 0,
    channels_written        bigint      NOT NULL DEFAULT 0,
    channels_unchanged      bigint      NOT NULL DEFAULT 0,
    events_read             bigint      NOT NULL DEFAULT 0,
    events_written          bigint      NOT NULL DEFAULT 0,
    events_already_archived bigint      NOT NULL DEFAULT 0,
    snapshots_read          bigint      NOT NULL DEFAULT 0,
    snapshots_written       bigint      NOT NULL DEFAULT 0,
    snapshots_unchanged     bigint      NOT NULL DEFAULT 0,
    items_read              bigint      NOT NULL DEFAULT 0,
    items_written           bigint      NOT NULL DEFAULT 0,
    items_already_archived  bigint      NOT NULL DEFAULT 0,
    items_quarantined       bigint      NOT NULL DEFAULT 0,
    unknown_statuses        bigint      NOT NULL DEFAULT 0,
    scaled_timestamps       bigint      NOT NULL DEFAULT 0,
    listing_drift           bigint      NOT NULL DEFAULT 0,
    listing_rereads         bigint      NOT NULL DEFAULT 0,
    api_requests            bigint      NOT NULL DEFAULT 0,
    api_retries             bigint      NOT NULL DEFAULT 0,
    api_throttled           bigint      NOT NULL DEFAULT 0
);
CREATE INDEX archive_run_date ON livestation.archive_run (run_date, started_at);
COMMENT ON TABLE livestation.archive_run IS 'Run ledger: one row per job execution. Item counts are for the run date so far (a resumed run carries the counts of the executions before it); API counts are for this execution. items_read = items_written + items_already_archived + items_quarantined';
COMMENT ON COLUMN livestation.archive_run.job_execution_id IS 'Spring Batch job execution id (batch.batch_job_execution)';
COMMENT ON COLUMN livestation.archive_run.job_instance_id IS 'Spring Batch job instance id: one per run date (and per forced re-run)';
COMMENT ON COLUMN livestation.archive_run.run_date IS 'The night being archived (archive.run-date)';
COMMENT ON COLUMN livestation.archive_run.status IS 'STARTED, COMPLETED, FAILED, STOPPED or ABANDONED, as Spring Batch names it';
COMMENT ON COLUMN livestation.archive_run.exit_code IS 'Spring Batch exit code';
COMMENT ON COLUMN livestation.archive_run.exit_message IS 'Why a run did not complete (first lines)';
COMMENT ON COLUMN livestation.archive_run.started_at IS 'Start of the execution';
COMMENT ON COLUMN livestation.archive_run.finished_at IS 'End of the execution; NULL while running or when the process died';
COMMENT ON COLUMN livestation.archive_run.channels_listed IS 'Distinct channels in the listing';
COMMENT ON COLUMN livestation.archive_run.channels_read IS 'Channel records read';
COMMENT ON COLUMN livestation.archive_run.channels_written IS 'Channels inserted or changed';
COMMENT ON COLUMN livestation.archive_run.channels_unchanged IS 'Channels already archived as listed';
COMMENT ON COLUMN livestation.archive_run.events_read IS 'Event records read';
COMMENT ON COLUMN livestation.archive_run.events_written IS 'Events newly archived';
COMMENT ON COLUMN livestation.archive_run.events_already_archived IS 'Events that were already in the archive';
COMMENT ON COLUMN livestation.archive_run.snapshots_read IS 'Snapshot records read';
COMMENT ON COLUMN livestation.archive_run.snapshots_written IS 'Snapshots inserted or changed';
COMMENT ON COLUMN livestation.archive_run.snapshots_unchanged IS 'Snapshots already archived as received';
COMMENT ON COLUMN livestation.archive_run.items_read IS 'All records read (channels + events + snapshots)';
COMMENT ON COLUMN livestation.archive_run.items_written IS 'All records inserted or changed';
COMMENT ON COLUMN livestation.archive_run.items_already_archived IS 'All records already archived unchanged';
COMMENT ON COLUMN livestation.archive_run.items_quarantined IS 'All records sent to livestation.quarantine';
COMMENT ON COLUMN livestation.archive_run.unknown_statuses IS 'Records whose channel status was not a known value (stored as UNKNOWN)';
COMMENT ON COLUMN livestation.archive_run.scaled_timestamps IS 'Events whose timestamp arrived in seconds and was scaled';
COMMENT ON COLUMN livestation.archive_run.listing_drift IS 'Channels by which the listing disagreed with its reported total after every re-read (0: consistent)';
COMMENT ON COLUMN livestation.archive_run.listing_rereads IS 'Extra passes over the channel list needed to get a consistent listing';
COMMENT ON COLUMN livestation.archive_run.api_requests IS 'HTTP requests sent by this execution, retries included';
COMMENT ON COLUMN livestation.archive_run.api_retries IS 'Retried attempts in this execution';
COMMENT ON COLUMN livestation.archive_run.api_throttled IS 'HTTP 429 answers in this execution';

CREATE TABLE livestation.quarantine (
    quarantine_id    bigserial   PRIMARY KEY,
    run_date         date        NOT NULL,
    job_execution_id bigint      NOT NULL,
    resource         text        NOT NULL,
    endpoint         text        NOT NULL,
    channel_id       text,
    reason           text        NOT NULL,
    payload          text        NOT NULL,
    quarantined_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_run ON livestation.quarantine (run_date);
COMMENT ON TABLE livestation.quarantine IS 'Every record the archive could not normalize, with why; never silently dropped';
COMMENT ON COLUMN livestation.quarantine.quarantine_id IS 'Surrogate key';
COMMENT ON COLUMN livestation.quarantine.run_date IS 'Run date of the run that met the record';
COMMENT ON COLUMN livestation.quarantine.job_execution_id IS 'Job execution that met the record';
COMMENT ON COLUMN livestation.quarantine.resource IS 'channel, event or snapshot';
COMMENT ON COLUMN livestation.quarantine.endpoint IS 'API request that returned the record';
COMMENT ON COLUMN livestation.quarantine.channel_id IS 'Channel the record concerns, when known';
COMMENT ON COLUMN livestation.quarantine.reason IS 'Why the record could not be archived';
COMMENT ON COLUMN livestation.quarantine.payload IS 'The record as received (JSON), stream keys and publish URLs removed';
COMMENT ON COLUMN livestation.quarantine.quarantined_at IS 'When it was quarantined';
