-- STOPPED is a documented channel status (the stream-switch page names it). Rows that received it
-- before it was recognised were stored as UNKNOWN with the value kept raw: they get their status.
UPDATE livestation.channel SET channel_status = 'STOPPED'
WHERE channel_status = 'UNKNOWN' AND upper(btrim(channel_status_raw)) = 'STOPPED';

UPDATE livestation.channel_status_history SET channel_status = 'STOPPED'
WHERE channel_status = 'UNKNOWN' AND upper(btrim(channel_status_raw)) = 'STOPPED';

UPDATE livestation.snapshot SET channel_status = 'STOPPED'
WHERE channel_status = 'UNKNOWN' AND upper(btrim(channel_status_raw)) = 'STOPPED';

COMMENT ON COLUMN livestation.channel.channel_status IS 'Normalized status: CREATING, READY, PUBLISHING, DELETED, BLOCK, FORCE_BLOCK, FORCE_DELETED, RESERVED, STOPPED, or UNKNOWN';
