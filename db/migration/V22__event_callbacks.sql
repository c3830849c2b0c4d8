-- Live Station pushes every event to a registered endpoint, and the push carries the only event id
-- there is. The callback receiver stores each push once (a repeated delivery is counted), records the
-- windows in which it acknowledged without interruption, and the nightly job reconciles the pushes with
-- the pulled event lists: event ids onto channel_event, pushed events the lists never showed archived,
-- and windows of possible loss the receiver covered completely marked as filled.

CREATE TABLE livestation.event_callback (
    event_id          bigint      PRIMARY KEY,
    channel_id        text        NOT NULL,
    event_code        text        NOT NULL,
    log_level         text,
    occurred_at       timestamptz NOT NULL,
    timestamp_scaled  boolean     NOT NULL DEFAULT false,
    received_at       timestamptz NOT NULL,
    last_received_at  timestamptz NOT NULL,
    deliveries        integer     NOT NULL DEFAULT 1 CHECK (deliveries >= 1),
    receiver_id       text        NOT NULL,
    payload           jsonb       NOT NULL,
    reconciled_at     timestamptz,
    reconciliation    text        CHECK (reconciliation IN ('MATCHED', 'ARCHIVED')),
    CHECK ((reconciled_at IS NULL) = (reconciliation IS NULL))
);
-- the nightly job reads what it has not reconciled yet, channel by channel, oldest first
CREATE INDEX event_callback_unreconciled ON livestation.event_callback (channel_id, occurred_at) WHERE reconciled_at IS NULL;
CREATE INDEX event_callback_channel ON livestation.event_callback (channel_id, occurred_at);
COMMENT ON TABLE livestation.event_callback IS 'Every event Live Station pushed to the callback receiver, once per event id (a repeated delivery of the same id is counted in deliveries, not stored twice); the nightly job reconciles it with the pulled event lists';
COMMENT ON COLUMN livestation.event_callback.event_id IS 'The event''s id as Live Station pushed it (id): the only event id there is';
COMMENT ON COLUMN livestation.event_callback.channel_id IS 'Channel of the event (channelId)';
COMMENT ON COLUMN livestation.event_callback.event_code IS 'Normalized (trimmed, upper-case) event code, as in channel_event';
COMMENT ON COLUMN livestation.event_callback.log_level IS 'INFO or ERROR, upper-case';
COMMENT ON COLUMN livestation.event_callback.occurred_at IS 'When the event happened (UTC), from timestamp';
COMMENT ON COLUMN livestation.event_callback.timestamp_scaled IS 'True when the timestamp arrived in seconds and was scaled to milliseconds';
COMMENT ON COLUMN livestation.event_callback.received_at IS 'When the receiver first committed it (and acknowledged it)';
COMMENT ON COLUMN livestation.event_callback.last_received_at IS 'When the receiver last received it (a repeated delivery)';
COMMENT ON COLUMN livestation.event_callback.deliveries IS 'How many times it was delivered and acknowledged (1: once)';
COMMENT ON COLUMN livestation.event_callback.receiver_id IS 'Receiver instance that first stored it (livestation.callback_receiver_window)';
COMMENT ON COLUMN livestation.event_callback.payload IS 'The body as received (JSON), secrets removed';
COMMENT ON COLUMN livestation.event_callback.reconciled_at IS 'When the nightly job reconciled it; NULL while it waits for an event list that covers its instant';
COMMENT ON COLUMN livestation.event_callback.reconciliation IS 'MATCHED: a pulled event of the same channel, code, level and instant carries its id; ARCHIVED: no event list showed it, so the archive holds it from the callback alone (channel_event.event_source = callback)';

ALTER TABLE livestation.channel_event ADD COLUMN event_id bigint, ADD COLUMN event_source text NOT NULL DEFAULT 'list' CHECK (event_source IN ('list', 'callback'));
CREATE UNIQUE INDEX channel_event_event_id ON livestation.channel_event (event_id) WHERE event_id IS NOT NULL;
COMMENT ON COLUMN livestation.channel_event.event_id IS 'Live Station''s event id, known from its callback (livestation.event_callback); NULL where no callback was matched to the event';
COMMENT ON COLUMN livestation.channel_event.event_source IS 'Where the archive learned of the event: list (GET /api/v2/events) or callback (pushed only: no event list showed it; description NULL)';

CREATE TABLE livestation.callback_receiver_window (
    receiver_id  text        NOT NULL,
    up_from      timestamptz NOT NULL,
    up_through   timestamptz NOT NULL,
    callbacks    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (receiver_id, up_from),
    CHECK (up_through >= up_from)
);
COMMENT ON TABLE livestation.callback_receiver_window IS 'Windows in which a callback receiver instance was up and acknowledged every callback without interruption (it commits its window as it goes; a refused callback, a database outage or a stop ends the window). Events of such a window are known to the archive even when no event list showed them';
COMMENT ON COLUMN livestation.callback_receiver_window.receiver_id IS 'Receiver instance (host name and start instant)';
COMMENT ON COLUMN livestation.callback_receiver_window.up_from IS 'Start of the window';
COMMENT ON COLUMN livestation.callback_receiver_window.up_through IS 'Through when it is known to have been up and acknowledging (its last commit)';
COMMENT ON COLUMN livestation.callback_receiver_window.callbacks IS 'Callbacks it acknowledged in the window';

ALTER TABLE livestation.event_gap ADD COLUMN filled_at timestamptz;
COMMENT ON COLUMN livestation.event_gap.filled_at IS 'When the nightly job found the window covered completely by the callback receiver (up and acknowledging without interruption from after_at to before_at), its events archived from their callbacks; NULL: events may have been lost';

-- a malformed callback is kept like any record that could not be normalized, but no job execution met it
ALTER TABLE livestation.quarantine ALTER COLUMN job_execution_id DROP NOT NULL;
COMMENT ON COLUMN livestation.quarantine.job_execution_id IS 'Job execution that met the record; NULL for a callback the receiver refused';
COMMENT ON COLUMN livestation.quarantine.resource IS 'channel, event, snapshot, recording or callback';

ALTER TABLE livestation.event_coverage ADD COLUMN events_missed_by_receiver bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN livestation.event_coverage.events_missed_by_receiver IS 'Pulled events of the channel that occurred inside a window of livestation.callback_receiver_window and yet never reached the receiver: a receiver (or a registration) that misses events';
