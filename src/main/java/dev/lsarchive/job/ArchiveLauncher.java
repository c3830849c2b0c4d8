package dev.lsarchive.job;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.lsarchive.batch.RunContext;

/**
 * Launches the archive job for a run date, the way a scheduler needs it: refuses while another
 * process runs the same date, recovers and resumes a run whose process died, resumes a failed or
 * stopped run, and does nothing for a date already archived completely (unless asked to re-run).
 */
public class ArchiveLauncher {

	private static final Logger log = LoggerFactory.getLogger(ArchiveLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final DataSource dataSource;

	private final RunLedger ledger;

	private final Clock clock;

	ArchiveLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, DataSource dataSource,
			RunLedger ledger, Clock clock) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.dataSource = dataSource;
		this.ledger = ledger;
		this.clock = clock;
	}

	/** Archives {@code runDate}; returns the process exit code ({@link ExitCodes}). */
	public int launch(LocalDate runDate, boolean rerun) throws Exception {
		try (RunLock lock = RunLock.tryAcquire(this.dataSource, runDate)) {
			if (!lock.held()) {
				log.error("Another process is archiving run date {} right now (its lock is held); refusing to start a second run",
						runDate);
				return ExitCodes.ALREADY_RUNNING;
			}
			JobParameters parameters = parameters(runDate).toJobParameters();
			JobExecution last = this.jobRepository.getLastJobExecution(this.job.getName(), parameters);
			if (last != null) {
				// holding the lock, nothing else runs this date: whatever still looks running is dead
				last = this.jobRepository.getJobExecution(last.getId());
			}
			if (last != null && last.getStatus().isRunning()) {
				log.warn("Run date {} has execution {} marked {}, but no process holds its lock: the process died."
						+ " Recovering it and resuming from its last committed chunk.", runDate, last.getId(),
						last.getStatus());
				// the framework's recovery marks the running steps and the execution FAILED; a step whose
				// last bookkeeping write failed stays UNKNOWN, which recover() leaves alone
				this.jobOperator.recover(last);
				if (hasDeadStep(last)) {
					markFailed(last);
				}
				this.ledger.markDead(last.getId());
			}
			else if (last != null && (last.getStatus() == BatchStatus.UNKNOWN || hasDeadStep(last))) {
				log.warn("Run date {} has execution {} ({}) whose last bookkeeping write failed (for example the"
						+ " database connection was cut), leaving a step marked running or unknown. Every write of the"
						+ " archive is idempotent and its saved positions never run ahead of committed chunks, so it is"
						+ " resumed.", runDate, last.getId(), last.getStatus());
				markFailed(last);
			}
			else if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
				// a scheduler's relaunch after a transient failure lands here: the log says what it resumes
				log.info("Run date {}: execution {} ended {}; resuming it from its last committed chunk", runDate,
						last.getId(), last.getStatus());
			}
			else if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				if (!rerun) {
					log.info("Run date {} is already archived completely (job execution {}); nothing to do."
							+ " Launch with --archive.rerun=true to archive it again.", runDate, last.getId());
					return ExitCodes.COMPLETED;
				}
				parameters = parameters(runDate).addLong("rerun", this.clock.millis()).toJobParameters();
			}
			JobExecution execution = this.jobOperator.start(this.job, parameters);
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				return ExitCodes.COMPLETED;
			}
			return TransientFailure.of(execution) ? ExitCodes.TRANSIENT_FAILURE : ExitCodes.FAILED;
		}
	}

	private static boolean hasDeadStep(JobExecution execution) {
		return execution.getStepExecutions().stream()
			.anyMatch((step) -> step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN);
	}

	// what Spring Batch leaves for "manual intervention" (UNKNOWN, which JobOperator.recover refuses),
	// made restartable: every write of the archive is idempotent, so resuming is safe
	private void markFailed(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				this.jobRepository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		if (execution.getEndTime() == null) {
			execution.setEndTime(LocalDateTime.now());
		}
		this.jobRepository.update(execution);
	}

	private static JobParametersBuilder parameters(LocalDate runDate) {
		return new JobParametersBuilder().addLocalDate(RunContext.RUN_DATE, runDate);
	}

}
