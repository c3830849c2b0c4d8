-- Channels that never published.
-- Answers: which channels has the archive never seen a PUBLISH_START for? Candidates for clean-up.
SELECT c.channel_id, c.channel_name, c.channel_status, c.created_at
FROM livestation.channel c
WHERE NOT EXISTS (SELECT 1 FROM livestation.channel_event e
                  WHERE e.channel_id = c.channel_id AND e.event_code = 'PUBLISH_START')
ORDER BY c.channel_id;
