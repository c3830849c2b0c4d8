-- Channels with gaps in their history.
-- Answers: for which channels may the archive have missed events (a list that no longer reached
-- back to what was archived), in which windows, and how long were they? "Nothing happened" can be
-- trusted for a channel's day only inside its coverage and outside these windows.
SELECT channel_id,
       channel_name,
       covered_from,
       covered_through,
       gaps,
       gap_hours,
       newest_gap_after,
       newest_gap_before,
       newest_gap_detected_run_date
FROM reporting.channel_coverage
WHERE gaps > 0
ORDER BY newest_gap_after DESC, channel_id;
