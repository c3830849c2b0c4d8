package dev.lsarchive.cli;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.web.server.PortInUseException;

import dev.lsarchive.config.ExitCodes;

/**
 * A start that failed for a reason an operator can act on, told in lines without a stack trace,
 * with the exit code a scheduler acts on.
 *
 * @param exitCode the process exit code ({@link ExitCodes})
 * @param lines what to print, one problem a line
 * @param settings whether these are settings to set first (the reporter then points to {@code --help})
 */
public record StartProblem(int exitCode, List<String> lines, boolean settings) {

	/** What {@code failure} means to an operator, when it is a failure the product documents. */
	public static Optional<StartProblem> of(Throwable failure) {
		List<String> settings = SettingProblemReporter.describe(failure);
		if (!settings.isEmpty()) {
			return Optional.of(new StartProblem(ExitCodes.INVALID_CONFIGURATION, settings, true));
		}
		Optional<StartProblem> database = DatabaseProblem.of(failure);
		return database.isPresent() ? database : portInUse(failure);
	}

	// the receiver's port (or its management port, or a standalone simulator's) taken: often by the instance
	// before it, still stopping
	private static Optional<StartProblem> portInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof PortInUseException taken) {
				return Optional.of(new StartProblem(ExitCodes.TRANSIENT_FAILURE,
						List.of("port " + taken.getPort() + " is in use: stop what listens there (a receiver still"
								+ " stopping frees it by itself), or set server.port, management.server.port or"
								+ " simulator.port to a free one; nothing was started"), false));
			}
		}
		return Optional.empty();
	}

}
