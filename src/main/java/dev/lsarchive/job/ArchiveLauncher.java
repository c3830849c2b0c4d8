package dev.lsarchive.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import dev.lsarchive.config.ExitCodes;

/**
 * Launches a job the way a scheduler needs it: the nightly archive of a run date, or a snapshot
 * capture of a time slot. It refuses while another process runs the same date (any capture, for a
 * capture), recovers and resumes a run whose process died, resumes a failed or stopped run, and does
 * nothing for a date or slot already done completely (unless asked to re-run a date).
 */
public class ArchiveLauncher {

	private static final Logger log = LoggerFactory.getLogger(ArchiveLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final Job captureJob;

	private final DataSource dataSource;

	private final RunLedger ledger;

	private final Clock clock;

	ArchiveLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, Job captureJob,
			DataSource dataSource, RunLedger ledger, Clock clock) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.captureJob = captureJob;
		this.dataSource = dataSource;
		this.ledger = ledger;
		this.clock = clock;
	}

	/** Archives {@code runDate}; returns the process exit code ({@link ExitCodes}). */
	public int launch(LocalDate runDate, boolean rerun) throws Exception {
		return launch(this.job, parameters(runDate), RunLock.forRunDate(runDate), "Run date " + runDate, rerun,
				"A run date is archived again with --archive.rerun=true.");
	}

	/**
	 * Captures the snapshots listed now for the time slot {@code slot}, one of those starting every
	 * {@code interval} (its run date: the slot's business day); returns the process exit code
	 * ({@link ExitCodes}).
	 */
	public int capture(Instant slot, Duration interval, LocalDate runDate) throws Exception {
		// a slot is never captured again: what is listed after it is the next slot's
		return launch(this.captureJob, parameters(runDate).addString(RunContext.CAPTURE_SLOT, slot.toString()),
				RunLock.SNAPSHOT_CAPTURE, "Snapshot capture " + slot, false,
				"A slot is captured once; the next slot begins at " + slot.plus(interval) + ".");
	}

	private int launch(Job job, JobParametersBuilder identity, int lockKey, String what, boolean rerun,
			String whenDone) throws Exception {
		try (RunLock lock = RunLock.tryAcquire(this.dataSource, lockKey)) {
			if (!lock.held()) {
				// nothing was written and nothing needs doing: the run that holds the lock goes on
				log.warn("{}: another process is running it right now (its lock is held); refusing to start a second run",
						what);
				return ExitCodes.ALREADY_RUNNING;
			}
			JobParameters parameters = identity.toJobParameters();
			JobExecution last = this.jobRepository.getLastJobExecution(job.getName(), parameters);
			if (last != null) {
				// holding the lock, nothing else runs this date: whatever still looks running is dead
				last = this.jobRepository.getJobExecution(last.getId());
			}
			if (last != null && last.getStatus().isRunning()) {
				log.warn("{} has execution {} marked {}, but no process holds its lock: the process died."
						+ " Recovering it and resuming from its last committed chunk.", what, last.getId(),
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
				log.warn("{} has execution {} ({}) whose last bookkeeping write failed (for example the"
						+ " database connection was cut), leaving a step marked running or unknown. Every write of the"
						+ " archive is idempotent and its saved positions never run ahead of committed chunks, so it is"
						+ " resumed.", what, last.getId(), last.getStatus());
				markFailed(last);
			}
			else if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
				// a scheduler's relaunch after a transient failure lands here: the log says what it resumes
				log.info("{}: execution {} ended {}; resuming it from its last committed chunk", what,
						last.getId(), last.getStatus());
			}
			else if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				if (!rerun) {
					log.info("{} is done already (job execution {}); nothing to do. {}", what, last.getId(), whenDone);
					return ExitCodes.COMPLETED;
				}
				parameters = identity.addLong("rerun", this.clock.millis()).toJobParameters();
			}
			JobExecution execution = this.jobOperator.start(job, parameters);
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				return ExitCodes.COMPLETED;
			}
			if (FailureReason.credentialsRefused(execution)) {
				// no relaunch can fix refused keys: the scheduler must alert a person (the summary has the trace id)
				return ExitCodes.INVALID_CONFIGURATION;
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
