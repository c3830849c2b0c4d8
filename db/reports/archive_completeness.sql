-- Archive completeness.
-- Answers: since when is the archive kept, up to which date is it complete (every run date
-- COMPLETED), and how many run dates are not complete?
SELECT min(run_date)                                   AS first_run_date,
       max(run_date)                                   AS last_run_date,
       max(archived_completely_through)                AS archived_completely_through,
       count(*) FILTER (WHERE status <> 'COMPLETED')   AS run_dates_not_completed
FROM reporting.archive_health;
