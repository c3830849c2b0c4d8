package dev.lsarchive.job;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

import dev.lsarchive.api.LiveStationApiException;
import dev.lsarchive.api.RetryPolicy;
import dev.lsarchive.config.ArchiveProperties;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailureTests {

	@Test
	void serializationFailuresDeadlocksLostConnectionsAndRetryableApiErrorsAreTransient() {
		assertThat(TransientFailure.isTransient(new CannotAcquireLockException("x",
				new SQLException("could not serialize access", "40001")))).isTrue();
		assertThat(TransientFailure.isTransient(new IllegalStateException("wrapped",
				new SQLException("deadlock detected", "40P01")))).isTrue();
		assertThat(TransientFailure.isTransient(new SQLException("connection refused", "08001"))).isTrue();
		assertThat(TransientFailure.isTransient(new org.springframework.transaction.TransactionSystemException(
				"JDBC rollback failed", new SQLException("Connection is closed")))).isTrue();
		assertThat(TransientFailure.isTransient(new org.springframework.dao.OptimisticLockingFailureException(
				"Attempt to update step execution id=23 with wrong version (10)"))).isTrue();
		assertThat(TransientFailure.isTransient(new SQLException("COPY of 200 events failed: Broken pipe",
				new java.net.SocketException("Broken pipe")))).isTrue();
		assertThat(TransientFailure.isTransient(api(true))).isTrue();
		assertThat(TransientFailure.isTransient(new LiveStationApiException("Events of channel ls-1 could not be read",
				503, null, null, false, null, api(true)))).as("the innermost API error decides").isTrue();
	}

	@Test
	void dataErrorsRefusedRequestsAndPlainBugsAreNot() {
		assertThat(TransientFailure.isTransient(new DataIntegrityViolationException("x",
				new SQLException("violates check constraint", "23514")))).isFalse();
		assertThat(TransientFailure.isTransient(api(false))).isFalse();
		assertThat(TransientFailure.isTransient(new IllegalStateException("quarantine threshold"))).isFalse();
	}

	@Test
	void anApiErrorIsTransientExactlyWhenTheClientsRetryPolicyRetriesIt() {
		for (int status = 400; status < 600; status++) {
			// given: the error as the client makes it for an answer with this status
			LiveStationApiException error = new LiveStationApiException("GET /x failed (HTTP " + status + ")", status,
					null, null, RetryPolicy.retriesStatus(status), null, null);

			// then
			assertThat(TransientFailure.isTransient(error)).as("HTTP %d", status)
				.isEqualTo(RetryPolicy.isRetryable(error))
				.isEqualTo(status == 429 || status == 500 || status == 502 || status == 503 || status == 504);
		}
	}

	@Test
	void anExecutionIsTransientOnlyWhenItFailedAndEveryFailureIsTransient() {
		// given
		JobExecution onlyTransient = execution(BatchStatus.FAILED, new SQLException("x", "40001"));
		JobExecution mixed = execution(BatchStatus.FAILED, new SQLException("x", "40001"),
				new IllegalStateException("bug"));
		JobExecution stopped = execution(BatchStatus.STOPPED, new SQLException("x", "40001"));
		JobExecution noReason = execution(BatchStatus.FAILED);
		JobExecution partitioned = execution(BatchStatus.FAILED, new SQLException("x", "08006"),
				new JobExecutionException("Partition handler returned an unsuccessful step"));
		JobExecution onlyTheConsequence = execution(BatchStatus.FAILED,
				new JobExecutionException("Partition handler returned an unsuccessful step"));

		// then
		assertThat(TransientFailure.of(onlyTransient)).isTrue();
		assertThat(TransientFailure.of(mixed)).isFalse();
		assertThat(TransientFailure.of(stopped)).isFalse();
		assertThat(TransientFailure.of(noReason)).isFalse();
		assertThat(TransientFailure.of(partitioned)).as("the partition manager's report is not a cause").isTrue();
		assertThat(TransientFailure.of(onlyTheConsequence)).isFalse();
	}

	private static LiveStationApiException api(boolean retryable) {
		return new LiveStationApiException("GET /api/v2/channels: HTTP " + (retryable ? 503 : 403),
				retryable ? 503 : 403, null, null, retryable, null, null);
	}

	private static JobExecution execution(BatchStatus status, Throwable... failures) {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, ArchiveProperties.Job.NIGHTLY.jobName()), new JobParameters());
		execution.setStatus(status);
		for (Throwable failure : failures) {
			execution.addFailureException(failure);
		}
		return execution;
	}

}
