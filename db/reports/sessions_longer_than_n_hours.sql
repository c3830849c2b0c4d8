-- Publish sessions longer than N hours.
-- Answers: which publish sessions ran longer than the threshold (set N in the first line, in
-- hours)? Longest first. Useful to spot encoders left running.
WITH threshold AS (SELECT 4 AS hours)
SELECT s.channel_id, s.started_at, s.ended_at, s.duration_minutes
FROM reporting.publish_session s CROSS JOIN threshold t
WHERE s.duration_minutes > t.hours * 60
ORDER BY s.duration_minutes DESC, s.channel_id, s.started_at;
