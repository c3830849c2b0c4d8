-- Recorded hours per channel per week.
-- Answers: how many hours did each channel record in each week (weeks start on Monday, in the
-- business time zone)? Every recording counts in the week it began, uploaded or not.
SELECT channel_id,
       date_trunc('week', day)::date           AS week,
       round(sum(minutes) / 60.0, 2)           AS recorded_hours,
       count(*)                                AS recordings
FROM reporting.recording_file
GROUP BY channel_id, week
ORDER BY week, channel_id;
