-- Daily counts used to be a materialized view refreshed over the whole event history at the end of
-- every run that added events: the longest part of the finish step, and a cost that grows with the
-- archive rather than with the night. They are now a table that the event writer keeps current, in
-- the same transaction as the events it adds, so that counts and events can never disagree.
DROP MATERIALIZED VIEW reporting.daily_channel_events;

CREATE TABLE reporting.daily_channel_events (
    day        date   NOT NULL,
    channel_id text   NOT NULL,
    event_code text   NOT NULL,
    log_level  text,
    events     bigint NOT NULL CHECK (events > 0)
);
-- log_level may be NULL; the key treats a missing level as one value
CREATE UNIQUE INDEX daily_channel_events_key
    ON reporting.daily_channel_events (channel_id, day, event_code, (coalesce(log_level, '')));
COMMENT ON TABLE reporting.daily_channel_events IS 'Events per business day, channel, code and level (kept current by the archive job as it adds events; rebuilt when the business time zone changes)';
COMMENT ON COLUMN reporting.daily_channel_events.day IS 'Day in the business time zone (reporting.setting)';
COMMENT ON COLUMN reporting.daily_channel_events.channel_id IS 'Channel';
COMMENT ON COLUMN reporting.daily_channel_events.event_code IS 'Normalized event code';
COMMENT ON COLUMN reporting.daily_channel_events.log_level IS 'INFO or ERROR (NULL when the API sent none)';
COMMENT ON COLUMN reporting.daily_channel_events.events IS 'Number of events';

-- A first load adds every event at once: counting them chunk by chunk would cost more than one
-- count at the end. While this is false the writer leaves the counts alone and the finish step
-- recounts them all; a crash in between leaves it false, so nothing is ever counted half.
ALTER TABLE reporting.setting ADD COLUMN daily_counts_current boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN reporting.setting.daily_counts_current IS 'False while reporting.daily_channel_events awaits a full recount (during a first load)';

INSERT INTO reporting.daily_channel_events (day, channel_id, event_code, log_level, events)
SELECT (e.occurred_at AT TIME ZONE s.time_zone)::date, e.channel_id, e.event_code, e.log_level, count(*)
FROM livestation.channel_event e CROSS JOIN reporting.setting s
GROUP BY 1, 2, 3, 4;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON reporting.daily_channel_events TO %I', '${reader_role}');
    END IF;
END $$;
