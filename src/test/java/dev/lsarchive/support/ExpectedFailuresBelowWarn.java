package dev.lsarchive.support;

import java.util.HashSet;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * Logs the warnings and errors of the loggers that report a run's failures (set in
 * {@code logback-test.xml}) at INFO in one line instead, their stack trace at DEBUG: the tests provoke
 * these failures on purpose and assert what follows from them, so that on the console they are context,
 * not alarms. Any other logger's warnings and errors stay as they are.
 */
public final class ExpectedFailuresBelowWarn extends TurboFilter {

	private final Set<String> loggers = new HashSet<>();

	/** A logger, by its full name, whose warnings and errors are told at INFO. */
	public void addLoggerName(String name) {
		this.loggers.add(name.trim());
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable thrown) {
		// format is null when the caller only asks whether the level is enabled: it is, as before; an event
		// that the logger's level drops anyway is left to it
		if (format == null || !level.isGreaterOrEqual(Level.WARN) || !this.loggers.contains(logger.getName())
				|| !logger.isEnabledFor(level)) {
			return FilterReply.NEUTRAL;
		}
		// without a throwable of its own, the last parameter is the throwable, as SLF4J has it
		FormattingTuple message = (thrown != null) ? MessageFormatter.arrayFormat(format, params, thrown)
				: MessageFormatter.arrayFormat(format, params);
		Throwable cause = (thrown != null) ? thrown : message.getThrowable();
		String line = "[" + level + " outside tests] " + message.getMessage()
				+ ((cause != null) ? " (" + rootCause(cause) + ")" : "");
		// straight to the appenders: the line is shown wherever the warning or error would have been, also
		// where the logger's level (WARN, say) is above INFO
		logger.callAppenders(new LoggingEvent(Logger.FQCN, logger, Level.INFO,
				line.replaceAll("\\s*\\R\\s*", " "), null, null));
		if (cause != null) {
			logger.debug(marker, "The stack trace of the above", cause);
		}
		return FilterReply.DENY;
	}

	private static String rootCause(Throwable thrown) {
		Throwable root = thrown;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
