package dev.lsarchive.normalize;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** Reads a whole number sent as a JSON number or as text ({@code 12}, {@code "12"}, {@code 12.0}). */
public final class WholeNumber {

	private WholeNumber() {
	}

	/** The value, or null when {@code text} is not a whole number that fits a long. */
	public static @Nullable Long parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return new BigDecimal(text.trim()).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

}
