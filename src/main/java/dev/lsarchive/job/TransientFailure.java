package dev.lsarchive.job;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import dev.lsarchive.api.LiveStationApiException;

/**
 * Whether a failed execution failed only for reasons that a relaunch a little later is expected to
 * fix: a serialization failure or deadlock (SQLSTATE class 40), a lost or refused database
 * connection (class 08), a database short of resources or shutting down (53, 57P), or an API error
 * the client would have retried. A stopped run, a bad setting, a failed quarantine threshold or a
 * refused request are not transient: relaunching them unchanged would fail the same way.
 */
final class TransientFailure {

	private static final List<String> TRANSIENT_SQL_STATE_PREFIXES = List.of("40", "08", "53", "57P");

	private TransientFailure() {
	}

	static boolean of(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		return execution.getStatus() == BatchStatus.FAILED && !failures.isEmpty()
				&& failures.stream().allMatch(TransientFailure::isTransient);
	}

	static boolean isTransient(Throwable failure) {
		// the innermost API error decides: a wrapper that names the channel is not retried itself
		Boolean apiRetryable = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LiveStationApiException api) {
				apiRetryable = api.isRetryable();
			}
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
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
