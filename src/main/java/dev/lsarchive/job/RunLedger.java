package dev.lsarchive.job;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.RunContext;

/**
 * Keeps {@code livestation.archive_run}: a STARTED row when an execution of either job (the nightly
 * archive, a snapshot capture) begins, its status and counts when it ends. A process that dies leaves its row STARTED until the next launch for the run
 * date recovers it.
 */
class RunLedger implements JobExecutionListener, RunResult.Listener {

	private static final String START = """
			INSERT INTO livestation.archive_run (job_execution_id, job_instance_id, run_date, status, started_at,
			    job_name, capture_slot)
			VALUES (:id, :instance, :runDate, 'STARTED', :startedAt, :jobName, :captureSlot::timestamptz)
			ON CONFLICT (job_execution_id) DO NOTHING
			""";

	private static final String FINISH = """
			UPDATE livestation.archive_run SET status = :status, exit_code = :exitCode, exit_message = :exitMessage,
			    finished_at = :finishedAt, channels_listed = :channelsListed, channels_read = :channelsRead,
			    channels_written = :channelsWritten, channels_unchanged = :channelsUnchanged, events_read = :eventsRead,
			    events_written = :eventsWritten, events_already_archived = :eventsAlready,
			    snapshots_read = :snapshotsRead, snapshots_written = :snapshotsWritten,
			    snapshots_unchanged = :snapshotsUnchanged, items_read = :itemsRead, items_written = :itemsWritten,
			    items_already_archived = :itemsAlready, items_quarantined = :itemsQuarantined,
			    unknown_statuses = :unknownStatuses, scaled_timestamps = :scaled, listing_drift = :drift,
			    listing_rereads = :rereads, api_requests = :requests, api_retries = :retries, api_throttled = :throttled,
			    event_lists_unchanged = :unchangedLists, snapshots_expired = :snapshotsExpired,
			    recordings_read = :recordingsRead, recordings_written = :recordingsWritten,
			    recordings_unchanged = :recordingsUnchanged, recording_channels_asked = :recordingChannels,
			    event_gaps = :eventGaps
			WHERE job_execution_id = :id
			""";

	private static final String MARK_DEAD = """
			UPDATE livestation.archive_run SET status = 'FAILED', finished_at = now(),
			    exit_message = 'The process running this execution died (killed, out of memory or power loss); a later launch recovered and resumed it'
			WHERE job_execution_id = :id AND status = 'STARTED'
			""";

	private final NamedParameterJdbcTemplate jdbc;

	RunLedger(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.jdbc.update(START, new MapSqlParameterSource().addValue("id", execution.getId())
			.addValue("instance", execution.getJobInstance().getInstanceId())
			.addValue("runDate", execution.getJobParameters().getLocalDate(RunContext.RUN_DATE))
			.addValue("startedAt", timestamp(execution.getStartTime()))
			.addValue("jobName", execution.getJobInstance().getJobName())
			.addValue("captureSlot", execution.getJobParameters().getString(RunContext.CAPTURE_SLOT)));
	}

	@Override
	public void runEnded(RunResult result) {
		JobExecution execution = result.execution();
		RunTotals totals = result.totals();
		ApiCallStats.Snapshot api = result.api();
		String exitMessage = result.failureReason();
		this.jdbc.update(FINISH, new MapSqlParameterSource().addValue("id", execution.getId())
			.addValue("status", execution.getStatus().name())
			.addValue("exitCode", execution.getExitStatus().getExitCode())
			.addValue("exitMessage", (exitMessage == null || exitMessage.isEmpty()) ? null : firstLines(exitMessage))
			.addValue("finishedAt", new Timestamp(System.currentTimeMillis()))
			.addValue("channelsListed", totals.get(Counter.CHANNELS_LISTED))
			.addValue("channelsRead", totals.get(Counter.CHANNELS_READ))
			.addValue("channelsWritten", totals.get(Counter.CHANNELS_WRITTEN))
			.addValue("channelsUnchanged", totals.get(Counter.CHANNELS_UNCHANGED))
			.addValue("eventsRead", totals.get(Counter.EVENTS_READ))
			.addValue("eventsWritten", totals.get(Counter.EVENTS_WRITTEN))
			.addValue("eventsAlready", totals.get(Counter.EVENTS_UNCHANGED))
			.addValue("snapshotsRead", totals.get(Counter.SNAPSHOTS_READ))
			.addValue("snapshotsWritten", totals.get(Counter.SNAPSHOTS_WRITTEN))
			.addValue("snapshotsUnchanged", totals.get(Counter.SNAPSHOTS_UNCHANGED))
			.addValue("itemsRead", totals.itemsRead())
			.addValue("itemsWritten", totals.itemsWritten())
			.addValue("itemsAlready", totals.itemsAlreadyArchived())
			.addValue("itemsQuarantined", totals.itemsQuarantined())
			.addValue("unknownStatuses", totals.unknownStatuses())
			.addValue("scaled", totals.get(Counter.EVENTS_SCALED_TIMESTAMPS))
			.addValue("drift", totals.get(Counter.LISTING_DRIFT))
			.addValue("rereads", totals.get(Counter.LISTING_REREADS))
			.addValue("requests", api.requests())
			.addValue("retries", api.retries())
			.addValue("throttled", api.throttled())
			.addValue("unchangedLists", totals.get(Counter.EVENTS_UNCHANGED_LISTS))
			.addValue("snapshotsExpired", totals.get(Counter.SNAPSHOTS_EXPIRED))
			.addValue("recordingsRead", totals.get(Counter.RECORDINGS_READ))
			.addValue("recordingsWritten", totals.get(Counter.RECORDINGS_WRITTEN))
			.addValue("recordingsUnchanged", totals.get(Counter.RECORDINGS_UNCHANGED))
			.addValue("recordingChannels", totals.get(Counter.RECORDING_CHANNELS_ASKED))
			.addValue("eventGaps", totals.get(Counter.EVENT_GAPS)));
	}

	/** Marks the ledger row of an execution whose process died, once it has been recovered. */
	void markDead(long jobExecutionId) {
		this.jdbc.update(MARK_DEAD, new MapSqlParameterSource("id", jobExecutionId));
	}

	private static Timestamp timestamp(LocalDateTime time) {
		return Timestamp.from(((time != null) ? time : LocalDateTime.now()).atZone(ZoneId.systemDefault())
			.toInstant());
	}

	private static String firstLines(String text) {
		return (text.length() > 2000) ? text.substring(0, 2000) : text;
	}

}
