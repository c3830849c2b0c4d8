package dev.lsarchive.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import dev.lsarchive.config.SettingAdvice;
import dev.lsarchive.config.SettingsRefusedException;

/**
 * Reports a start-up that failed on a setting in one line per setting (which one, what is wrong,
 * how to set it: flag and environment variable), or on a database that refuses or does not answer
 * in one line, instead of the framework's report and stack trace. Any other failure is left to the
 * framework's own reporters.
 */
public final class SettingProblemReporter implements SpringBootExceptionReporter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(SettingProblemReporter.class);

	// what starts every line the start tells an operator
	static final String PREFIX = "livestation-archive: ";

	// how Spring's command-line parser refuses an argument it cannot read as --name=value
	private static final String INVALID_ARGUMENT = "Invalid argument syntax: ";

	private final PrintStream err;

	/** Reports on standard error. */
	public SettingProblemReporter() {
		this(System.err);
	}

	SettingProblemReporter(PrintStream err) {
		this.err = err;
	}

	@Override
	public boolean reportException(Throwable failure) {
		Optional<StartProblem> problem = StartProblem.of(failure);
		if (problem.isEmpty()) {
			return false;
		}
		// the whole chain stays available to whoever turns DEBUG on
		log.debug("Start refused", failure);
		problem.get().lines().forEach((line) -> this.err.println(PREFIX + line));
		if (problem.get().settings()) {
			this.err.println(PREFIX + "nothing was done; see --help for the settings to set first");
		}
		this.err.flush();
		return true;
	}

	// before the framework's failure analysis
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/** One line per setting problem in {@code failure}; empty when it is not a setting's failure. */
	public static List<String> describe(Throwable failure) {
		List<String> problems = new ArrayList<>();
		SettingsRefusedException refused = find(failure, SettingsRefusedException.class);
		if (refused != null) {
			return refused.problems();
		}
		Throwable syntax = rootCause(failure);
		if (syntax instanceof IllegalArgumentException && syntax.getMessage() != null
				&& syntax.getMessage().startsWith(INVALID_ARGUMENT)) {
			// Spring's own parsing of the command line, before anything else: "--=x", "--" and the like
			return List.of("'" + syntax.getMessage().substring(INVALID_ARGUMENT.length())
					+ "' is not understood: settings are given as --name=value; see --help");
		}
		BindValidationException invalid = find(failure, BindValidationException.class);
		if (invalid != null) {
			String prefix = invalid.getValidationErrors().getName().toString();
			for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
				problems.add(line(error, prefix));
			}
			return problems;
		}
		BindException bind = find(failure, BindException.class);
		if (bind == null) {
			return problems;
		}
		Throwable root = rootCause(bind);
		if (root instanceof IllegalArgumentException && root.getMessage() != null && bind.getProperty() == null) {
			// a record's own checks, one line each, which name the setting and how to set it
			problems.addAll(root.getMessage().lines().toList());
			return problems;
		}
		String name = (bind.getProperty() != null) ? bind.getProperty().getName().toString() : bind.getName().toString();
		Object value = (bind.getProperty() != null) ? bind.getProperty().getValue() : null;
		Class<?> type = bind.getTarget().getType().resolve();
		String expected = (type != null) ? "expected " + SettingsCheck.form(type) : firstLine(root.getMessage());
		problems.add(name + ((value != null) ? "=" + shown(name, value) : "") + " is not valid: " + expected + "; "
				+ SettingAdvice.howToSet(name));
		return problems;
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static String line(ObjectError error, String prefix) {
		if (error instanceof FieldError field) {
			String name = prefix + "." + kebab(field.getField());
			Object value = field.getRejectedValue();
			String what = (value == null || value.toString().isBlank()) ? " is not set"
					: "=" + shown(name, value) + " is not valid (" + field.getDefaultMessage() + ")";
			return name + what + ": " + SettingAdvice.howToSet(name);
		}
		return prefix + ": " + error.getDefaultMessage();
	}

	// a secret's value is never printed, not even a wrong one
	static String shown(String name, Object value) {
		return SettingAdvice.isSecret(name) ? "******" : value.toString();
	}

	private static String kebab(String field) {
		StringBuilder kebab = new StringBuilder();
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no reason given";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
