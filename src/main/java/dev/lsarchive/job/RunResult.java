package dev.lsarchive.job;

import org.springframework.batch.core.job.JobExecution;

import dev.lsarchive.api.ApiCallStats;

/**
 * How an execution ended, computed once for every listener that reports it.
 *
 * @param execution the job execution that ended
 * @param totals the run date's counts so far
 * @param api the API calls of this execution
 * @param failureReason why it did not complete, in an operator's words (empty when it did)
 */
record RunResult(JobExecution execution, RunTotals totals, ApiCallStats.Snapshot api, String failureReason) {

	/** Reports a run's end: the ledger, the summary, the metrics, the JSON file. */
	@FunctionalInterface
	interface Listener {

		void runEnded(RunResult result);

	}

}
