-- Busiest hours of the day.
-- Answers: at which hours of the day (business time zone) do channels most often start
-- publishing? The five busiest hours, most starts first.
SELECT hour, count(*) AS publish_starts
FROM reporting.publish_session
WHERE started_at IS NOT NULL
GROUP BY hour
ORDER BY publish_starts DESC, hour
LIMIT 5;
