-- Every counter of a run by its stable key, so that a new resource's counts reach the ledger without
-- a column of their own. The count columns stay, with their names and meanings, filled from the same
-- counters; rows finished before this version keep NULL here (their columns hold what they counted).
ALTER TABLE livestation.archive_run ADD COLUMN counts jsonb;
COMMENT ON COLUMN livestation.archive_run.counts IS 'Every counter of the job instance so far, by its stable key (e.g. {"events.written": 120, "events.already_archived": 0, "recordings.channels_asked": 3}): the tallies read, written, unchanged (for events: already_archived) and quarantined of every resource and the facts its steps noted. Keys never change. The count columns hold some of the same values under their own names. NULL while the execution runs, when its process died, and for executions ended before this column existed';
COMMENT ON COLUMN livestation.archive_run.items_read IS 'All records read, of every resource: channels + events + snapshots + recordings, and those of a resource without columns of its own (see counts)';
