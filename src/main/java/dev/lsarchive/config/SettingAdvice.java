package dev.lsarchive.config;

import java.util.List;
import java.util.Locale;

/**
 * How an operator sets a setting, and which settings hold a secret: the one rule behind every message
 * that tells either. A secret (a secret key, a password, a token, the callback URL whose path is the
 * receiver's token) is set in the environment only, since a command line is seen by every user of the
 * host ({@code ps}); any other setting either way.
 */
public final class SettingAdvice {

	private SettingAdvice() {
	}

	/** Whether the setting {@code property} holds a secret; its value is then never shown either. */
	public static boolean isSecret(String property) {
		String lower = property.toLowerCase(Locale.ROOT);
		// the callback URL's last path segment is the receiver's token
		return lower.contains("secret") || lower.contains("password") || lower.contains("token")
				|| lower.contains("stream-key") || lower.endsWith("callback.url");
	}

	/** The environment variable Spring binds to {@code property} ({@code archive.time-zone}: {@code ARCHIVE_TIMEZONE}). */
	public static String variable(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * Every environment variable Spring binds to {@code property}: {@link #variable} and the form with an
	 * underscore for each dash, which Spring binds too ({@code ARCHIVE_TIME_ZONE}).
	 */
	public static List<String> variablesBound(String property) {
		return List.of(variable(property), property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
	}

	/** How to set {@code property}: its flag and the environment variable Spring binds to it, or that variable alone. */
	public static String howToSet(String property) {
		String variable = variable(property);
		if (isSecret(property)) {
			return "set the environment variable " + variable
					+ " (a secret: not on the command line, where every user of the host sees it)";
		}
		return "set it with --" + property + "=... or the environment variable " + variable;
	}

}
