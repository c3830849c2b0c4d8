-- channel_status_raw now holds the status exactly as received, also when it equals the normalized
-- value. Rows written before kept it only when it differed (NULL meant "received exactly as the
-- normalized value"); those are back-filled. A NULL next to UNKNOWN meant "no status received" and
-- stays NULL.
UPDATE livestation.channel SET channel_status_raw = channel_status
WHERE channel_status_raw IS NULL AND channel_status <> 'UNKNOWN';

UPDATE livestation.channel_status_history SET channel_status_raw = channel_status
WHERE channel_status_raw IS NULL AND channel_status <> 'UNKNOWN';

UPDATE livestation.snapshot SET channel_status_raw = channel_status
WHERE channel_status_raw IS NULL AND channel_status <> 'UNKNOWN';

COMMENT ON COLUMN livestation.channel.channel_status_raw IS 'Status exactly as received (e.g. legacy PUBLISH, or PUBLISHING), always kept; NUL characters and lone surrogates become U+FFFD; NULL when the API sent none';
COMMENT ON COLUMN livestation.channel_status_history.channel_status_raw IS 'Status exactly as received when the interval opened, always kept; NULL when the API sent none';
COMMENT ON COLUMN livestation.snapshot.channel_status_raw IS 'Channel status at capture exactly as received, always kept; NULL when the API sent none';
COMMENT ON COLUMN reporting.channel_current.channel_status_raw IS 'Status exactly as received (also when it equals channel_status); NULL when the API sent none';
