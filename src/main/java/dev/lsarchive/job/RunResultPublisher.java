package dev.lsarchive.job;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.ArchivedResources;

/**
 * Computes a run's {@link RunResult} once when the job ends and hands it to each listener in order.
 * A listener that fails is logged and the others still run: the ledger comes first, and a summary or
 * metrics that cannot be written never cost the ledger row.
 */
class RunResultPublisher implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunResultPublisher.class);

	private final JobRepository jobRepository;

	private final ApiCallStats apiStats;

	private final List<RunResult.Listener> listeners;

	private final ArchivedResources resources;

	private ApiCallStats.Snapshot apiAtStart;

	RunResultPublisher(JobRepository jobRepository, ApiCallStats apiStats, ArchivedResources resources,
			List<RunResult.Listener> listeners) {
		this.jobRepository = jobRepository;
		this.apiStats = apiStats;
		this.resources = resources;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.apiAtStart = this.apiStats.snapshot();
	}

	@Override
	public void afterJob(JobExecution execution) {
		// the console shows the reason in one line (the summary); the whole chain is here for DEBUG
		if (log.isDebugEnabled()) {
			execution.getAllFailureExceptions().forEach((failure) -> log.debug("Job execution {} failed", execution.getId(), failure));
		}
		RunResult result = new RunResult(execution, RunTotals.of(this.jobRepository, execution, this.resources),
				this.apiStats.snapshot().since(this.apiAtStart), FailureReason.of(execution));
		RuntimeException first = null;
		for (RunResult.Listener listener : this.listeners) {
			try {
				listener.runEnded(result);
			}
			catch (RuntimeException ex) {
				log.error("Reporting the end of job execution {} failed in {}: {}", execution.getId(),
						listener.getClass().getSimpleName(), ex.toString());
				first = (first != null) ? first : ex;
			}
		}
		if (first != null) {
			throw first;
		}
	}

}
