package dev.lsarchive.normalize;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for text received from the API before it is archived, for every field of every
 * resource:
 * <ul>
 * <li>NUL (U+0000), which PostgreSQL text cannot hold, becomes U+FFFD;</li>
 * <li>a lone UTF-16 surrogate (half of a character, which UTF-8 cannot encode) becomes U+FFFD;</li>
 * <li>an identifier (an id, a code, a level, a status) longer than {@value #IDENTIFIER_MAX}
 * characters, or a free text (a name, a description, a URL) longer than {@value #TEXT_MAX}, sends
 * its record to quarantine with a reason naming the field: identifiers are key and index columns,
 * whose entries PostgreSQL limits to about 2,700 bytes.</li>
 * </ul>
 * Normalizers read every text field through a {@link Fields}; the quarantine writer cleans its own
 * columns with {@link #forQuarantine}, and a record kept as received (JSON) goes through {@link #json}.
 */
public final class StorableText {

	/** Longest identifier kept, in characters (a UTF-8 index entry stays under PostgreSQL's limit). */
	public static final int IDENTIFIER_MAX = 256;

	/** Longest free text kept, in characters. */
	public static final int TEXT_MAX = 10 * 1024 * 1024;

	/** Longest quarantine payload kept, in characters; a longer one is cut and says so. */
	public static final int QUARANTINE_MAX = 1024 * 1024;

	private static final char REPLACEMENT = '\uFFFD';

	private StorableText() {
	}

	/** {@code text} with NUL and lone surrogates replaced by U+FFFD, or null. */
	public static @Nullable String clean(@Nullable String text) {
		if (text == null || isClean(text)) {
			return text;
		}
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			char c = chars[i];
			if (c == '\0') {
				chars[i] = REPLACEMENT;
			}
			else if (Character.isHighSurrogate(c)) {
				if (i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
					i++;
				}
				else {
					chars[i] = REPLACEMENT;
				}
			}
			else if (Character.isLowSurrogate(c)) {
				chars[i] = REPLACEMENT;
			}
		}
		return new String(chars);
	}

	/**
	 * A JSON text as a {@code jsonb} column can hold it: cleaned, and its escapes of NUL (backslash, then
	 * {@code u0000}), which PostgreSQL's {@code jsonb} refuses, made escapes of U+FFFD; null for null.
	 */
	public static @Nullable String json(@Nullable String json) {
		String cleaned = clean(json);
		if (cleaned == null || !cleaned.contains("\\u0000")) {
			return cleaned;
		}
		StringBuilder kept = new StringBuilder(cleaned.length());
		for (int i = 0; i < cleaned.length(); i++) {
			char c = cleaned.charAt(i);
			if (c != '\\' || i + 1 == cleaned.length()) {
				kept.append(c);
			}
			else if (cleaned.startsWith("u0000", i + 1)) {
				kept.append("\\ufffd");
				i += 5;
			}
			else {
				// an escape of two characters (\\ among them) is taken whole: its second one starts nothing
				kept.append(c).append(cleaned.charAt(++i));
			}
		}
		return kept.toString();
	}

	/** Cleaned, and cut to {@value #QUARANTINE_MAX} characters with a note of the original length. */
	public static @Nullable String forQuarantine(@Nullable String text) {
		String cleaned = clean(text);
		if (cleaned == null || cleaned.length() <= QUARANTINE_MAX) {
			return cleaned;
		}
		return cleaned.substring(0, QUARANTINE_MAX) + "… [cut: " + cleaned.length() + " characters]";
	}

	/** Cleaned, and cut to {@value #IDENTIFIER_MAX} characters: for the indexed columns of a quarantine row. */
	public static @Nullable String identifierForQuarantine(@Nullable String id) {
		String cleaned = clean(id);
		return (cleaned == null || cleaned.length() <= IDENTIFIER_MAX) ? cleaned : cleaned.substring(0, IDENTIFIER_MAX);
	}

	// the common case costs one pass without allocation
	private static boolean isClean(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0' || Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return false;
			}
		}
		return true;
	}

	/**
	 * The text fields of one record, read through the rule: each value comes back cleaned, and the
	 * first field over its bound is remembered as the reason to quarantine the record.
	 */
	public static final class Fields {

		private @Nullable String problem;

		/** An id, code, level or status: cleaned, at most {@value #IDENTIFIER_MAX} characters. */
		public @Nullable String identifier(String field, @Nullable String value) {
			return bounded(field, value, IDENTIFIER_MAX, "an identifier");
		}

		/** A name, description or URL: cleaned, at most {@value #TEXT_MAX} characters. */
		public @Nullable String text(String field, @Nullable String value) {
			return bounded(field, value, TEXT_MAX, "a text");
		}

		/** Why the record cannot be archived as it is (naming the field), or null when it can. */
		public @Nullable String problem() {
			return this.problem;
		}

		private @Nullable String bounded(String field, @Nullable String value, int max, String kind) {
			if (value != null && value.length() > max && this.problem == null) {
				this.problem = field + " is " + value.length() + " characters long, more than the " + max + " "
						+ kind + " may have";
			}
			return clean(value);
		}

	}

}
