package dev.lsarchive.job;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.ArchivedResources;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.Tally;

/**
 * Keeps {@code livestation.archive_run}: a STARTED row when an execution of either job (the nightly
 * archive, a snapshot capture) begins, its status and counts when it ends: every counter by its
 * stable key in {@code counts}, and the count columns analysts query, each from the counters it
 * names. A process that dies leaves its row STARTED until the next launch for the run date recovers
 * it.
 */
class RunLedger implements JobExecutionListener, RunResult.Listener {

	private static final String START = """
			INSERT INTO livestation.archive_run (job_execution_id, job_instance_id, run_date, status, started_at,
			    job_name, capture_slot)
			VALUES (:id, :instance, :runDate, 'STARTED', :startedAt, :jobName, :captureSlot::timestamptz)
			ON CONFLICT (job_execution_id) DO NOTHING
			""";

	// the count columns, each filled from the counters of its stable keys; every counter is in counts as well
	private static final List<LedgerColumn> COUNT_COLUMNS = List.of(
			LedgerColumn.of("channels_listed", "channels.listed"),
			LedgerColumn.of("channels_read", "channels.read"),
			LedgerColumn.of("channels_written", "channels.written"),
			LedgerColumn.of("channels_unchanged", "channels.unchanged"),
			LedgerColumn.of("events_read", "events.read"),
			LedgerColumn.of("events_written", "events.written"),
			LedgerColumn.of("events_already_archived", "events.already_archived"),
			LedgerColumn.of("snapshots_read", "snapshots.read"),
			LedgerColumn.of("snapshots_written", "snapshots.written"),
			LedgerColumn.of("snapshots_unchanged", "snapshots.unchanged"),
			LedgerColumn.of("recordings_read", "recordings.read"),
			LedgerColumn.of("recordings_written", "recordings.written"),
			LedgerColumn.of("recordings_unchanged", "recordings.unchanged"),
			LedgerColumn.items("items_read", Tally.READ),
			LedgerColumn.items("items_written", Tally.WRITTEN),
			LedgerColumn.items("items_already_archived", Tally.UNCHANGED),
			LedgerColumn.items("items_quarantined", Tally.QUARANTINED),
			LedgerColumn.of("unknown_statuses", "channels.unknown_status", "snapshots.unknown_status"),
			LedgerColumn.of("scaled_timestamps", "events.scaled_timestamps"),
			LedgerColumn.of("listing_drift", "listing.drift"),
			LedgerColumn.of("listing_rereads", "listing.rereads"),
			LedgerColumn.of("event_lists_unchanged", "events.unchanged_lists"),
			LedgerColumn.of("snapshots_expired", "snapshots.expired"),
			LedgerColumn.of("recording_channels_asked", "recordings.channels_asked"),
			LedgerColumn.of("event_gaps", "events.gaps"));

	private static final String FINISH = """
			UPDATE livestation.archive_run SET status = :status, exit_code = :exitCode, exit_message = :exitMessage,
			    finished_at = :finishedAt, api_requests = :requests, api_retries = :retries, api_throttled = :throttled,
			    counts = :counts::jsonb, %s
			WHERE job_execution_id = :id
			""".formatted(COUNT_COLUMNS.stream()
		.map((column) -> column.column() + " = :" + column.column())
		.collect(Collectors.joining(", ")));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String MARK_DEAD = """
			UPDATE livestation.archive_run SET status = 'FAILED', finished_at = now(),
			    exit_message = 'The process running this execution died (killed, out of memory or power loss); a later launch recovered and resumed it'
			WHERE job_execution_id = :id AND status = 'STARTED'
			""";

	private final NamedParameterJdbcTemplate jdbc;

	/** The ledger; a column naming a counter that no resource of {@code resources} declares is refused. */
	RunLedger(NamedParameterJdbcTemplate jdbc, ArchivedResources resources) {
		for (LedgerColumn column : COUNT_COLUMNS) {
			for (String key : column.keys()) {
				if (!resources.declares(key)) {
					throw new IllegalStateException("archive_run." + column.column() + " sums the counter " + key
							+ ", which no resource declares");
				}
			}
		}
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
		MapSqlParameterSource values = new MapSqlParameterSource().addValue("id", execution.getId())
			.addValue("status", execution.getStatus().name())
			.addValue("exitCode", execution.getExitStatus().getExitCode())
			.addValue("exitMessage", (exitMessage == null || exitMessage.isEmpty()) ? null : firstLines(exitMessage))
			.addValue("finishedAt", new Timestamp(System.currentTimeMillis()))
			.addValue("requests", api.requests())
			.addValue("retries", api.retries())
			.addValue("throttled", api.throttled())
			.addValue("counts", JSON.writeValueAsString(totals.byKey()));
		COUNT_COLUMNS.forEach((column) -> values.addValue(column.column(), column.value().applyAsLong(totals)));
		this.jdbc.update(FINISH, values);
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
