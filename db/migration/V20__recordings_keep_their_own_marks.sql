-- The recordings step chooses the channels to ask from its own marks (livestation.recording_check) and
-- the archive's events, not from the reporting layer's: per channel, the newest recording event after
-- the one it was last asked with. This index makes that one probe per channel, whatever the size of a
-- channel's history; it holds the recording events only, so the event writer's COPY barely feels it.
-- The codes are the job's SessionEvents.RECORDING, which it binds as a parameter: the planner uses the
-- index only while the two lists agree (RecordingsIntegrationTests checks that it does).
CREATE INDEX channel_event_recording ON livestation.channel_event (channel_id, occurred_at)
    WHERE event_code IN ('ONAIR_START', 'ONAIR_END');
COMMENT ON INDEX livestation.channel_event_recording IS 'Recording events (ONAIR_START, ONAIR_END) per channel and instant: the recordings step''s probe for events newer than those a channel was last asked with';

COMMENT ON TABLE livestation.recording_check IS 'The recordings step''s own marks: when each channel''s recordings were last asked for, and up to which ONAIR_START/ONAIR_END event; with the archived events and recordings they decide which channels can have new or changed recordings, so the nightly run asks only those';
