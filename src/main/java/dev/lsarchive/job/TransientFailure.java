package dev.lsarchive.job;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import dev.lsarchive.api.LiveStationApiException;
import dev.lsarchive.api.RetryPolicy;

/**
 * Whether a failed execution failed only for reasons that a relaunch a little later is expected to
 * fix: a serialization failure or deadlock (SQLSTATE class 40); a lost or refused database connection
 * (class 08, a socket that broke under it, a transaction that could not begin, commit or roll back);
 * a database short of resources or shutting down (53, 57P); an optimistic-locking conflict of the job
 * repository after a lost acknowledgement; or an API error that the client's {@link RetryPolicy}
 * retries (one rule for both: what a later attempt may fix, a later run may too). A stopped run, a
 * bad setting, a failed quarantine threshold or a refused request are not transient: relaunching
 * them unchanged would fail the same way.
 */
public final class TransientFailure {

	private static final List<String> TRANSIENT_SQL_STATE_PREFIXES = List.of("40", "08", "53", "57P");

	private TransientFailure() {
	}

	static boolean of(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions().stream()
			.filter((failure) -> !isConsequence(failure))
			.toList();
		return execution.getStatus() == BatchStatus.FAILED && !failures.isEmpty()
				&& failures.stream().allMatch(TransientFailure::isTransient);
	}

	// "Partition handler returned an unsuccessful step": the failed partition's own failure is listed too
	private static boolean isConsequence(Throwable failure) {
		return failure instanceof JobExecutionException && failure.getCause() == null;
	}

	/** Whether {@code failure} (or what it wraps) is one a relaunch a little later is expected to fix. */
	public static boolean isTransient(Throwable failure) {
		// the innermost API error decides: a wrapper that names the channel is not retried itself
		Boolean apiRetryable = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LiveStationApiException api) {
				apiRetryable = RetryPolicy.isRetryable(api);
			}
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
				return true;
			}
			// a transaction that could not begin, commit or roll back: its connection was lost ("Connection
			// is closed" from the pool carries no SQLSTATE)
			if (cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException) {
				return true;
			}
			// the socket under a database connection broke (EOF, broken pipe, reset) while bytes were in flight
			if (cause instanceof IOException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& TRANSIENT_SQL_STATE_PREFIXES.stream().anyMatch(sql.getSQLState()::startsWith)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Boolean.TRUE.equals(apiRetryable);
	}

}
