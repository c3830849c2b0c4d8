package dev.lsarchive.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;

import dev.lsarchive.batch.RunContext;

/** Writes the run summary as JSON ({@code archive.summary-file}) when a run ends. */
class RunReportFile implements RunResult.Listener {

	private static final Logger log = LoggerFactory.getLogger(RunReportFile.class);

	private final Path file;

	RunReportFile(Path file) {
		this.file = file;
	}

	@Override
	public void runEnded(RunResult result) {
		JobExecution execution = result.execution();
		RunTotals totals = result.totals();
		LocalDateTime start = (execution.getStartTime() != null) ? execution.getStartTime() : LocalDateTime.now();
		double seconds = Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
		RunReport report = new RunReport(execution.getJobParameters().getLocalDate(RunContext.RUN_DATE),
				execution.getId(), execution.getStatus().name(), result.failureReason(), seconds, totals.byKey(),
				totals.itemsRead(), totals.itemsWritten(), totals.itemsAlreadyArchived(), totals.itemsQuarantined(),
				result.api().requests(), result.api().retries(), result.api().throttled());
		try {
			report.writeTo(this.file);
		}
		catch (IOException | RuntimeException ex) {
			// the archive and the ledger are what matter; a summary file that cannot be written is reported, not fatal
			log.error("Could not write the run summary to {} (archive.summary-file): {}", this.file, ex.toString());
		}
	}

}
