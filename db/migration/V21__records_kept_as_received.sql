-- Nothing Live Station says is dropped: every archived record keeps the record as received (secrets
-- removed), a channel's configuration has a type-2 history of its own, and every field name seen is
-- listed with the night it first appeared. Rows archived before this version keep NULL payloads until
-- the next run that receives them writes them once; that run also opens every channel's first version.

ALTER TABLE livestation.channel ADD COLUMN payload jsonb;
COMMENT ON COLUMN livestation.channel.payload IS 'The channel as the listing last sent it, in the change that last wrote the row (every field, also those no column maps), secrets removed (stream key, publish URLs, passwords, signatures, tokens); a re-stream channel with the restream targets its channel info showed. Read a field with ->> (payload->>''qualitySetId'', payload#>>''{cdn,cdnType}''); reporting.api_fields lists the fields seen. NULL for a channel not listed since this column exists';

ALTER TABLE livestation.restream_target ADD COLUMN payload jsonb;
COMMENT ON COLUMN livestation.restream_target.last_archived_at IS 'When the archive last stored a change of it (added, removed, added again, or a change of its payload)';
COMMENT ON COLUMN livestation.restream_target.payload IS 'The target as the channel info last sent it, secrets removed (stream key, RTMP id, password; credentials and query cut from rtmpUrl); NULL for a target not seen since this column exists';

ALTER TABLE livestation.snapshot ADD COLUMN payload jsonb;
COMMENT ON COLUMN livestation.snapshot.payload IS 'The snapshot info as received (its whole content: channelId, channelStatus, snapshot {...} and any other field), secrets removed; NULL when the info was not captured (info_captured false) or was archived before this column existed';

-- a channel asked for its recordings lists every one of them, night after night, most unchanged: their
-- digest spares the parse of a payload received byte for byte as last written
ALTER TABLE livestation.recording ADD COLUMN payload jsonb, ADD COLUMN payload_sha256 bytea;
COMMENT ON COLUMN livestation.recording.payload IS 'The recording as last received, in the change that last wrote the row (every field, also those no column maps), secrets removed; NULL for a recording not received since this column exists';
COMMENT ON COLUMN livestation.recording.payload_sha256 IS 'SHA-256 of the payload as received (its JSON text, secrets removed), when the row was last written: a recording received again byte for byte, its columns unchanged, is recognized as unchanged without its payload being parsed again';

-- NULL costs no space: an ordinary event has no field beside the ones mapped
ALTER TABLE livestation.channel_event ADD COLUMN extra jsonb;
COMMENT ON COLUMN livestation.channel_event.extra IS 'The fields the event carried beside logLevel, eventCode, description, timestamp and channelId, as received (secrets removed), e.g. {"cdn": {"edgeRegion": "..."}}; NULL when it carried none (the ordinary event)';

CREATE TABLE livestation.channel_version (
    channel_id     text        NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    payload        jsonb       NOT NULL,
    changed_fields text[],
    PRIMARY KEY (channel_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX channel_version_open ON livestation.channel_version (channel_id) WHERE valid_to IS NULL;
COMMENT ON TABLE livestation.channel_version IS 'Type-2 history of each channel''s configuration as observed by the archive (one open row, valid_to NULL, per channel): a new version opens when any field of the channel''s payload differs from the open version''s, except the volatile ones, which change without a change of configuration: channelStatus (its own history: channel_status_history), totalPublishSeconds, recentPublishStartTime, snapshot (the latest snapshot id) and cdn.statusName. A field Live Station starts sending opens a version too. The first version of a channel opens with the first run that keeps its payload';
COMMENT ON COLUMN livestation.channel_version.channel_id IS 'Live Station channel id';
COMMENT ON COLUMN livestation.channel_version.valid_from IS 'First observation of this configuration (start of the archive run that saw it)';
COMMENT ON COLUMN livestation.channel_version.valid_to IS 'First observation of the next configuration; NULL while current';
COMMENT ON COLUMN livestation.channel_version.payload IS 'The channel as received when the version opened (as livestation.channel.payload, volatile fields included as they were then)';
COMMENT ON COLUMN livestation.channel_version.changed_fields IS 'Top-level fields whose value differs from the previous version, volatile ones aside (a change inside an object names the object, e.g. cdn), sorted; NULL for a channel''s first version';

CREATE TABLE reporting.api_fields (
    resource                    text        NOT NULL,
    path                        text        NOT NULL,
    is_mapped                   boolean     NOT NULL,
    first_seen_run_date         date        NOT NULL,
    first_seen_at               timestamptz NOT NULL,
    first_seen_job_execution_id bigint      NOT NULL,
    is_announced                boolean     NOT NULL,
    last_seen_run_date          date        NOT NULL,
    last_seen_at                timestamptz NOT NULL,
    last_seen_job_execution_id  bigint      NOT NULL,
    records                     bigint      NOT NULL,
    PRIMARY KEY (resource, path),
    CHECK (records >= 0)
);
COMMENT ON TABLE reporting.api_fields IS 'Every field the API has sent, per resource, by its dotted path, secrets removed (kept by every run in the transactions that archive the records): when it was first and last seen, in how many records, and whether a column maps it. A field first seen by a run, for a resource whose fields an earlier run saw, is announced in that run''s summary (NOTE new API field <resource>.<path>) and counted in archive_run.counts (<resource>.new_fields)';
COMMENT ON COLUMN reporting.api_fields.resource IS 'The kind of record: channel, restream_target, event, snapshot or recording';
COMMENT ON COLUMN reporting.api_fields.path IS 'The field''s path: a top-level field by its name (qualitySetId), a field of a nested object after the object''s path and a dot (cdn.cdnType), a field of the objects of an array after the array''s path and [] (restream[].targetName); an object is a path of its own (cdn)';
COMMENT ON COLUMN reporting.api_fields.is_mapped IS 'Whether a column of the resource''s table holds it (else it is only in payload, or in channel_event.extra)';
COMMENT ON COLUMN reporting.api_fields.first_seen_run_date IS 'Run date (night) of the run that first received it';
COMMENT ON COLUMN reporting.api_fields.first_seen_at IS 'Start of the run that first received it';
COMMENT ON COLUMN reporting.api_fields.first_seen_job_execution_id IS 'The job execution that first received it (livestation.archive_run)';
COMMENT ON COLUMN reporting.api_fields.is_announced IS 'Whether that run announced it as new (NOTE new API field in its summary); false for the fields of a resource''s first run, which are the baseline';
COMMENT ON COLUMN reporting.api_fields.last_seen_run_date IS 'Run date of the latest run that received it';
COMMENT ON COLUMN reporting.api_fields.last_seen_at IS 'Start of the latest run that received it';
COMMENT ON COLUMN reporting.api_fields.last_seen_job_execution_id IS 'The job execution that last received it (livestation.archive_run)';
COMMENT ON COLUMN reporting.api_fields.records IS 'Records carrying it that the latest run to receive it read (a resumed run goes on counting, a new run starts again); records quarantined, and events of lists received byte for byte as archived (not parsed again), are not counted';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.api_fields, livestation.channel_version TO %I', '${reader_role}');
    END IF;
END $$;
