-- Publish hours per channel per week.
-- Answers: how many hours did each channel publish in each week (weeks start on Monday, in the
-- business time zone)? Closed sessions only, counted in the week they started.
SELECT channel_id,
       date_trunc('week', day)::date            AS week,
       round(sum(duration_minutes) / 60.0, 2)   AS publish_hours,
       count(*)                                 AS sessions
FROM reporting.publish_session
WHERE ended_at IS NOT NULL AND started_at IS NOT NULL
GROUP BY channel_id, week
ORDER BY week, channel_id;
