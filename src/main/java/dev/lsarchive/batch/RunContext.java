package dev.lsarchive.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a writer needs to know about the run it writes for: run date, execution id and the instant
 * the run observed the API (one instant per execution, so a status change has one valid_from).
 *
 * @param runDate the run date being archived
 * @param jobExecutionId the job execution writing
 * @param observedAt start of the job execution
 */
public record RunContext(LocalDate runDate, long jobExecutionId, Instant observedAt) {

	/** Job parameter holding the run date. */
	public static final String RUN_DATE = "run.date";

	/** The run date for a step-scoped bean: {@code @Value(RunContext.RUN_DATE_VALUE) LocalDate runDate}. */
	public static final String RUN_DATE_VALUE = "#{jobParameters['" + RUN_DATE + "']}";

	/** Job parameter holding the time slot of a snapshot capture (an ISO instant). */
	public static final String CAPTURE_SLOT = "capture.slot";

	/** The run of the step executing on this thread. */
	public static RunContext current() {
		StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
		JobExecution job = step.getJobExecution();
		LocalDate runDate = job.getJobParameters().getLocalDate(RUN_DATE);
		Instant observedAt = (job.getStartTime() != null)
				? job.getStartTime().atZone(ZoneId.systemDefault()).toInstant() : Instant.now();
		return new RunContext(runDate, job.getId(), observedAt);
	}

}
