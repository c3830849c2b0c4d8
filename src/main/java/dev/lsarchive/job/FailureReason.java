package dev.lsarchive.job;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;

import dev.lsarchive.api.LiveStationApiException;
import dev.lsarchive.api.LiveStationAuthException;

/**
 * Why an execution did not complete, in words an operator can act on: the API error (which names
 * the cause and the trace id) or the innermost cause, not the wrappers Spring Batch adds around it.
 */
final class FailureReason {

	/**
	 * How the reason of a run whose API credentials the gateway refused begins, in the ledger's
	 * {@code exit_message}: the health check tells that cause from a failed night by it.
	 */
	static final String CREDENTIALS_REFUSED = LiveStationAuthException.CREDENTIALS_REFUSED;

	private FailureReason() {
	}

	/** Whether {@code execution} failed because the gateway refused its credentials: a setting to fix, not a relaunch. */
	static boolean credentialsRefused(JobExecution execution) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
				if (cause instanceof LiveStationAuthException) {
					return true;
				}
			}
		}
		return false;
	}

	static String of(JobExecution execution) {
		Set<String> reasons = new LinkedHashSet<>();
		for (Throwable failure : execution.getAllFailureExceptions()) {
			reasons.add(reason(failure));
		}
		if (reasons.isEmpty()) {
			String description = execution.getExitStatus().getExitDescription();
			return (description == null) ? "" : description.lines().findFirst().orElse("");
		}
		return String.join("; ", reasons);
	}

	private static String reason(Throwable failure) {
		Throwable innermost = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LiveStationAuthException) {
				return CREDENTIALS_REFUSED + ": " + cause.getMessage();
			}
			if (cause instanceof LiveStationApiException) {
				return cause.getMessage();
			}
			innermost = cause;
		}
		return (innermost.getMessage() != null) ? innermost.getMessage() : innermost.getClass().getSimpleName();
	}

}
