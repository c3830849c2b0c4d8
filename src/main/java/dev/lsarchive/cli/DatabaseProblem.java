package dev.lsarchive.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.lsarchive.config.ExitCodes;

/**
 * A database that refuses the job at start (no such database, unknown user, wrong password, no
 * right to create the schema: a setting to fix, exit 2) or does not answer (host or port down: a
 * relaunch later may work, exit 75), or whose schema a migration refuses to upgrade (exit 2), told in
 * one line with what to do.
 */
final class DatabaseProblem {

	// SQLSTATE → what to fix; PostgreSQL's own message says which database, user or object
	private static final Map<String, String> REFUSALS = Map.of(
			"3D000", "create that database, or point ARCHIVE_JDBC_URL at the archive's database",
			"28000", "fix ARCHIVE_JDBC_USER (or the server's pg_hba.conf)",
			"28P01", "fix ARCHIVE_JDBC_USER and ARCHIVE_JDBC_PASSWORD",
			"42501", "grant the database user what it needs: the job creates and writes the archive's schemas (their"
					+ " owner), the health check reads them (the reader role, ARCHIVE_READER_ROLE)");

	// raise_exception: what the migrations raise when the archive is in a state they must not upgrade
	private static final String RAISED = "P0001";

	private DatabaseProblem() {
	}

	static Optional<StartProblem> of(Throwable failure) {
		SQLException driver = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && driver == null) {
				driver = sql;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& REFUSALS.containsKey(sql.getSQLState())) {
				return Optional.of(new StartProblem(ExitCodes.INVALID_CONFIGURATION,
						List.of("the database refused the job: " + firstLine(sql.getMessage()) + "; "
								+ REFUSALS.get(sql.getSQLState()) + "; nothing was done"), false));
			}
			// a migration's own refusal (RAISE EXCEPTION): its message says what to change
			if (cause instanceof SQLException sql && RAISED.equals(sql.getSQLState())) {
				return Optional.of(new StartProblem(ExitCodes.INVALID_CONFIGURATION,
						List.of("the archive's schema cannot be upgraded: " + firstLine(sql.getMessage())
								+ "; the run did not start"), false));
			}
			if (driver != null && isUnanswered(cause)) {
				return Optional.of(new StartProblem(ExitCodes.TRANSIENT_FAILURE,
						List.of("the database does not answer: " + firstLine(driver.getMessage())
								+ "; check ARCHIVE_JDBC_URL's host and port, or launch again once the server is up;"
								+ " nothing was done"), false));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	private static boolean isUnanswered(Throwable cause) {
		return cause instanceof ConnectException || cause instanceof UnknownHostException
				|| cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no reason given";
		}
		String line = message.strip().lines().findFirst().orElse("");
		for (String severity : List.of("FATAL: ", "ERROR: ")) {
			line = line.startsWith(severity) ? line.substring(severity.length()) : line;
		}
		// the line goes on after it with what to do
		return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
	}

}
