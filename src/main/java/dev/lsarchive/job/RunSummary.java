package dev.lsarchive.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.Counter.Resource;
import dev.lsarchive.batch.Counter.Tally;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.RunContext;

/**
 * The end of a run in a few lines: a table on standard output, readable in a cron mail, and one
 * log event with the same figures. With structured (JSON) logging, only the log event is written,
 * so the output stays one JSON document per line.
 */
class RunSummary implements RunResult.Listener {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunSummary.class);

	private final PrintStream out;

	private final boolean table;

	RunSummary(PrintStream out, boolean table) {
		this.out = out;
		this.table = table;
	}

	@Override
	public void runEnded(RunResult result) {
		print(result.execution(), result.totals(), result.api(), result.failureReason());
	}

	void print(JobExecution execution, RunTotals totals, ApiCallStats.Snapshot api, String failureReason) {
		Duration took = Duration.between(
				(execution.getStartTime() != null) ? execution.getStartTime() : LocalDateTime.now(),
				(execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now());
		StringBuilder text = new StringBuilder();
		text.append(String.format("%n%s: %s in %.1f s (job execution %d)%n", title(execution), execution.getStatus(),
				took.toMillis() / 1000.0, execution.getId()));
		text.append(String.format("  %-10s %12s %12s %12s %12s%n", "resource", "read", "written", "unchanged",
				"quarantined"));
		for (Resource resource : Resource.values()) {
			row(text, resource.label(), totals.get(resource, Tally.READ), totals.get(resource, Tally.WRITTEN),
					totals.get(resource, Tally.UNCHANGED), totals.get(resource, Tally.QUARANTINED));
		}
		row(text, "total", totals.itemsRead(), totals.itemsWritten(), totals.itemsAlreadyArchived(),
				totals.itemsQuarantined());
		text.append(String.format("  listing: %d channels (%d live, %d re-stream, %d VOD2LIVE), %d re-reads, drift %d;"
				+ " unknown statuses %d, scaled timestamps %d%n", totals.get(Counter.CHANNELS_LISTED),
				totals.get(Counter.CHANNELS_LISTED_LIVE), totals.get(Counter.CHANNELS_LISTED_RE_STREAM),
				totals.get(Counter.CHANNELS_LISTED_VOD2LIVE), totals.get(Counter.LISTING_REREADS),
				totals.get(Counter.LISTING_DRIFT), totals.unknownStatuses(), totals.get(Counter.EVENTS_SCALED_TIMESTAMPS)));
		if (totals.get(Counter.EVENT_GAPS) > 0) {
			text.append(String.format("  WARNING continuity: %d windows in which events may have been lost"
					+ " (lists no longer reached back to what was archived): see reporting.channel_coverage%n",
					totals.get(Counter.EVENT_GAPS)));
		}
		if (totals.get(Counter.RECORDING_CHANNELS_ASKED) > 0) {
			text.append(String.format("  recordings: asked for %d channels with new recording events or unfinished recordings%n",
					totals.get(Counter.RECORDING_CHANNELS_ASKED)));
		}
		if (totals.get(Counter.EVENTS_UNCHANGED_LISTS) > 0) {
			text.append(String.format("  events: %d event lists unchanged since archived, %d events not parsed again%n",
					totals.get(Counter.EVENTS_UNCHANGED_LISTS), totals.get(Counter.EVENTS_READ_UNCHANGED)));
		}
		if (totals.get(Counter.SNAPSHOTS_READ_UNCHANGED) > 0) {
			text.append(String.format("  snapshots: %d listed snapshots archived already (their info is not asked again)%n",
					totals.get(Counter.SNAPSHOTS_READ_UNCHANGED)));
		}
		if (totals.get(Counter.SNAPSHOTS_READ) > totals.get(Counter.SNAPSHOTS_READ_UNCHANGED)) {
			// the ones asked for this run: those archived already were not asked again
			text.append(String.format("  snapshots: of %d snapshots whose info this run asked for, %d had expired"
					+ " (info is readable for one hour; kept as listed, not quarantined)%n",
					totals.get(Counter.SNAPSHOTS_READ) - totals.get(Counter.SNAPSHOTS_READ_UNCHANGED),
					totals.get(Counter.SNAPSHOTS_EXPIRED)));
		}
		text.append(String.format("  API: %d requests, %d retries, %d throttled (429)%n", api.requests(),
				api.retries(), api.throttled()));
		log.info("{} {}: read {}, written {}, already archived {}, quarantined {}; API requests {}, retries {}, throttled {}{}",
				title(execution), execution.getStatus(), totals.itemsRead(), totals.itemsWritten(), totals.itemsAlreadyArchived(), totals.itemsQuarantined(),
				api.requests(), api.retries(), api.throttled(), failureReason.isEmpty() ? "" : "; " + failureReason);
		if (!this.table) {
			return;
		}
		if (!totals.reconciled()) {
			text.append("  WARNING: read != written + unchanged + quarantined\n");
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			text.append("  reason: ").append(failureReason.isEmpty() ? "(none given)" : failureReason).append('\n');
		}
		this.out.print(text);
		this.out.flush();
	}

	// the wrapper scripts print the summary from this line on
	private static String title(JobExecution execution) {
		String slot = execution.getJobParameters().getString(RunContext.CAPTURE_SLOT);
		return (slot != null) ? "Snapshot capture " + slot
				: "Archive run " + execution.getJobParameters().getLocalDate(RunContext.RUN_DATE);
	}

	private static void row(StringBuilder text, String name, long read, long written, long unchanged,
			long quarantined) {
		text.append(String.format("  %-10s %12d %12d %12d %12d%n", name, read, written, unchanged, quarantined));
	}

}
