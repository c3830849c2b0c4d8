-- Live Station has three kinds of channel, each listed by its own endpoint; the archive lists all
-- three. Channels archived before were all listed as live channels.
ALTER TABLE livestation.channel
    ADD COLUMN channel_type text NOT NULL DEFAULT 'LIVE'
        CONSTRAINT channel_type_known CHECK (channel_type IN ('LIVE', 'RE_STREAM', 'VOD2LIVE')),
    ADD COLUMN use_dvr boolean,
    ADD COLUMN instance_no bigint,
    ADD COLUMN plan_type text,
    ADD COLUMN platform_count integer,
    ADD COLUMN total_publish_seconds bigint;
-- every row is written with its kind from now on: no default hides a forgotten one
ALTER TABLE livestation.channel ALTER COLUMN channel_type DROP DEFAULT;

COMMENT ON TABLE livestation.channel IS 'One row per Live Station channel ever listed, of every kind (live, re-stream, VOD2LIVE); the latest listed state. Stream keys and publish URLs are never stored';
COMMENT ON COLUMN livestation.channel.channel_type IS 'Kind of channel, by the listing that showed it: LIVE (/api/v2/channels), RE_STREAM (/api/v2/re-stream/channels) or VOD2LIVE (/api/v2/vod/channels)';
COMMENT ON COLUMN livestation.channel.use_dvr IS 'Whether DVR (time machine) is on, from useDvr or useDVR (both spellings are documented)';
COMMENT ON COLUMN livestation.channel.instance_no IS 'Live Station instance number (sent as a number or as a string)';
COMMENT ON COLUMN livestation.channel.plan_type IS 'Re-stream plan: STANDARD or PROFESSIONAL (re-stream channels only)';
COMMENT ON COLUMN livestation.channel.platform_count IS 'Number of platforms the channel re-streams to (re-stream channels only)';
COMMENT ON COLUMN livestation.channel.total_publish_seconds IS 'Seconds published in total, as Live Station counts them (re-stream channels only)';

CREATE TABLE livestation.restream_target (
    channel_id        text        NOT NULL,
    target_name       text        NOT NULL,
    rtmp_url          text        NOT NULL,
    first_archived_at timestamptz NOT NULL,
    last_archived_at  timestamptz NOT NULL,
    removed_at        timestamptz,
    PRIMARY KEY (channel_id, target_name, rtmp_url)
);
COMMENT ON TABLE livestation.restream_target IS 'Where each re-stream channel relays its stream (restream[] of the re-stream channel info). The targets'' stream keys, RTMP ids and passwords are never stored';
COMMENT ON COLUMN livestation.restream_target.channel_id IS 'Re-stream channel';
COMMENT ON COLUMN livestation.restream_target.target_name IS 'Platform: YOUTUBE, CHZZK, ..., CUSTOM (UNKNOWN when the API sent none)';
COMMENT ON COLUMN livestation.restream_target.rtmp_url IS 'RTMP URL the stream is relayed to, without user information or query string (empty when the API sent none)';
COMMENT ON COLUMN livestation.restream_target.first_archived_at IS 'When the archive first saw the target';
COMMENT ON COLUMN livestation.restream_target.last_archived_at IS 'When the archive last stored a change of it (added, removed or added again)';
COMMENT ON COLUMN livestation.restream_target.removed_at IS 'When the archive first saw the channel info without this target; NULL while configured';

CREATE OR REPLACE VIEW reporting.channel_current AS
SELECT c.channel_id, c.channel_name, c.channel_status, c.channel_status_raw, h.valid_from AS status_since,
       (h.valid_from AT TIME ZONE s.time_zone)::date AS status_since_day,
       c.created_at, c.recent_publish_start_at, c.snapshot_id, c.is_recording, c.quality_set_name,
       last_event.occurred_at AS last_event_at, c.last_archived_at, c.channel_type
FROM livestation.channel c
CROSS JOIN reporting.setting s
LEFT JOIN livestation.channel_status_history h ON h.channel_id = c.channel_id AND h.valid_to IS NULL
LEFT JOIN LATERAL (SELECT e.occurred_at FROM livestation.channel_event e WHERE e.channel_id = c.channel_id
                   ORDER BY e.occurred_at DESC LIMIT 1) last_event ON true;
COMMENT ON COLUMN reporting.channel_current.channel_type IS 'Kind of channel: LIVE, RE_STREAM or VOD2LIVE';
