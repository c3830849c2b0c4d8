-- Error events per day.
-- Answers: how many ERROR-level events happened each day (business time zone), by event code?
SELECT day, event_code, sum(events) AS error_events
FROM reporting.daily_channel_events
WHERE log_level = 'ERROR'
GROUP BY day, event_code
ORDER BY day, event_code;
