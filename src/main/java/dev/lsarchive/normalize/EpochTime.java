package dev.lsarchive.normalize;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Reads the API's epoch-millisecond timestamps. A value that can only be seconds is scaled and
 * flagged; a missing, non-numeric or absurd one (before 2000, after now + 1 day) is refused.
 */
public final class EpochTime {

	/** Earliest plausible instant: Live Station did not exist before. */
	public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private final Clock clock;

	private final long earliest = EARLIEST.toEpochMilli();

	public EpochTime(Clock clock) {
		this.clock = clock;
	}

	/** Parses {@code text}; {@code field} names the field in the reason when it fails. */
	public Parsed parse(@Nullable String text, String field) {
		if (text == null || text.isBlank()) {
			return Parsed.invalid("missing " + field);
		}
		long value;
		try {
			value = Long.parseLong(text);
		}
		catch (NumberFormatException notPlain) {
			// the rare forms: surrounding blanks, "1.6e12", "1655978668177.0"
			try {
				value = new BigDecimal(text.trim()).longValueExact();
			}
			catch (NumberFormatException | ArithmeticException ex) {
				return Parsed.invalid(field + " is not an integer number of milliseconds: " + abbreviate(text));
			}
		}
		long earliest = this.earliest;
		long latest = this.clock.millis() + Duration.ofDays(1).toMillis();
		if (value >= earliest && value <= latest) {
			return new Parsed(Instant.ofEpochMilli(value), false, null);
		}
		if (value >= earliest / 1000 && value <= latest / 1000) {
			return new Parsed(Instant.ofEpochSecond(value), true, null);
		}
		return Parsed.invalid(field + " " + value + " is outside 2000-01-01 .. now + 1 day");
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

	/**
	 * A parsed timestamp.
	 *
	 * @param instant the instant, or null when invalid
	 * @param scaled whether the value arrived in seconds
	 * @param error why the value is unusable, or null
	 */
	public record Parsed(@Nullable Instant instant, boolean scaled, @Nullable String error) {

		static Parsed invalid(String error) {
			return new Parsed(null, false, error);
		}

		/** Whether the value is usable. */
		public boolean valid() {
			return this.error == null;
		}

	}

}
