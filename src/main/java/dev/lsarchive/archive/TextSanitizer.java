package dev.lsarchive.archive;

import org.jspecify.annotations.Nullable;

/** Makes received text storable in PostgreSQL, whose text type cannot hold the NUL character. */
public final class TextSanitizer {

	private TextSanitizer() {
	}

	/** {@code text} with every NUL replaced by U+FFFD, or null. */
	public static @Nullable String clean(@Nullable String text) {
		return (text == null || text.indexOf('\0') < 0) ? text : text.replace('\0', '\uFFFD');
	}

}
