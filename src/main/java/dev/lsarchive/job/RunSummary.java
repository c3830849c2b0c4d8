package dev.lsarchive.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SummaryNote;
import dev.lsarchive.batch.Tally;

/**
 * The end of a run in a few lines: a table on standard output, readable in a cron mail (a row per
 * resource, then the lines the resources add, then a {@code NOTE new API field <resource>.<path>} line
 * per field the run's job instance saw first), and one log event with the same figures. With structured (JSON) logging, only the log event is written
 * (and one per new field), so the output stays one JSON document per line.
 */
class RunSummary implements RunResult.Listener {

	private static final Logger log = LoggerFactory.getLogger(RunSummary.class);

	private final PrintStream out;

	private final boolean table;

	private final Function<JobExecution, List<String>> newApiFields;

	RunSummary(PrintStream out, boolean table) {
		this(out, table, (execution) -> List.of());
	}

	/** The summary, with the fields of the API ({@code resource.path}) the run announces as new. */
	RunSummary(PrintStream out, boolean table, Function<JobExecution, List<String>> newApiFields) {
		this.out = out;
		this.table = table;
		this.newApiFields = newApiFields;
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
		for (ArchivedResource resource : totals.resources()) {
			row(text, resource.label(), totals.get(resource, Tally.READ), totals.get(resource, Tally.WRITTEN),
					totals.get(resource, Tally.UNCHANGED), totals.get(resource, Tally.QUARANTINED));
		}
		row(text, "total", totals.itemsRead(), totals.itemsWritten(), totals.itemsAlreadyArchived(),
				totals.itemsQuarantined());
		for (SummaryNote note : totals.resources().notes()) {
			String line = note.line().of(totals);
			if (line != null) {
				text.append("  ").append(line).append(System.lineSeparator());
			}
		}
		for (String field : newApiFields(execution)) {
			text.append("  NOTE new API field ").append(field).append(System.lineSeparator());
			if (!this.table) {
				log.info("NOTE new API field {}", field);
			}
		}
		text.append(String.format("  API: %s, %s, %d throttled (429)%n",
				SummaryNote.count(api.requests(), "request", "requests"),
				SummaryNote.count(api.retries(), "retry", "retries"), api.throttled()));
		// a run that did not complete is what log-level alerting must see
		log.atLevel((execution.getStatus() == BatchStatus.COMPLETED) ? Level.INFO : Level.ERROR)
			.log("{} {}: read {}, written {}, unchanged {}, quarantined {}; API requests {}, retries {}, throttled {}{}",
					title(execution), execution.getStatus(), totals.itemsRead(), totals.itemsWritten(),
					totals.itemsAlreadyArchived(), totals.itemsQuarantined(), api.requests(), api.retries(), api.throttled(),
					failureReason.isEmpty() ? "" : "; " + failureReason);
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

	// the summary still says what it can when the fields cannot be read (a database gone at the end of a run)
	private List<String> newApiFields(JobExecution execution) {
		try {
			return this.newApiFields.apply(execution);
		}
		catch (RuntimeException ex) {
			log.warn("The new API fields of job execution {} could not be read: {}", execution.getId(), ex.toString());
			return List.of();
		}
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
