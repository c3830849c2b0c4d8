package dev.lsarchive.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a start-up that failed on a setting in one line per setting: which one, what is wrong,
 * and how to set it (flag and environment variable), instead of the framework's report. Any other
 * failure is left to the framework's own reporters.
 */
public final class SettingProblemReporter implements SpringBootExceptionReporter, Ordered {

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
		List<String> problems = describe(failure);
		if (problems.isEmpty()) {
			return false;
		}
		problems.forEach((problem) -> this.err.println("livestation-archive: " + problem));
		this.err.println("livestation-archive: nothing was done; see --help for the settings to set first");
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
			// a setting's own check, which names the setting and how to set it
			problems.add(firstLine(root.getMessage()));
			return problems;
		}
		String name = (bind.getProperty() != null) ? bind.getProperty().getName().toString() : bind.getName().toString();
		Object value = (bind.getProperty() != null) ? bind.getProperty().getValue() : null;
		problems.add(name + ((value != null) ? "=" + shown(name, value) : "") + " is not valid ("
				+ firstLine(root.getMessage()) + "): " + howToSet(name));
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
			return name + what + ": " + howToSet(name);
		}
		return prefix + ": " + error.getDefaultMessage();
	}

	/** How to set {@code property}: its flag and the environment variable Spring binds to it. */
	static String howToSet(String property) {
		String variable = property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
		return "set it with --" + property + "=... or the environment variable " + variable;
	}

	// a secret's value is never printed, not even a wrong one
	private static String shown(String name, Object value) {
		String lower = name.toLowerCase(Locale.ROOT);
		return (lower.contains("secret") || lower.contains("password") || lower.contains("key")) ? "******"
				: value.toString();
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
