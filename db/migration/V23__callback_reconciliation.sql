-- The nightly job's callbacks step reconciles the pushed events with the pulled lists. It counts a
-- pulled event the receiver missed once, when the event is judged: each channel keeps through when its
-- events were judged, so that a re-run or a later night never counts an event twice.
ALTER TABLE livestation.event_coverage ADD COLUMN receiver_checked_through timestamptz;
COMMENT ON COLUMN livestation.event_coverage.receiver_checked_through IS 'Through when the channel''s pulled events have been judged against the callback receiver''s windows (events_missed_by_receiver counts each event once, at this judgement); NULL before the first judgement';

-- per channel, the events archived from their callbacks alone: reporting.channel_coverage counts them
CREATE INDEX channel_event_from_callback ON livestation.channel_event (channel_id, occurred_at)
    WHERE event_source = 'callback';
COMMENT ON INDEX livestation.channel_event_from_callback IS 'Events archived from their callbacks alone (no event list showed them), per channel and instant';

COMMENT ON COLUMN livestation.channel_event.event_key IS 'Deterministic key: name-based UUID of (channel_id, event_code, log_level, description, occurred_at in ms) for a pulled event; of its event id for an event archived from its callback alone (event_source = callback)';
COMMENT ON COLUMN livestation.channel_event.channel_source IS 'Where channel_id came from: event, request or description for a pulled event; callback (the callback''s channelId) for an event archived from its callback alone';
