package dev.lsarchive.batch;

import org.jspecify.annotations.Nullable;

/**
 * A line a resource adds under the run summary's table, e.g.
 * {@code recordings: asked for 3 channels with new recording events or unfinished recordings}.
 * The lines of every resource are printed by their position, smallest first.
 *
 * @param position where it stands among the lines of every resource
 * @param line the line for a run's counts
 */
public record SummaryNote(int position, Line line) {

	/** {@code count} and the noun that fits it: "1 channel", "3 channels", "0 channels". */
	public static String count(long count, String one, String many) {
		return count + " " + ((count == 1) ? one : many);
	}

	/** The text of a note for a run's counts, without indentation or line end. */
	@FunctionalInterface
	public interface Line {

		/** The line, or null when it has nothing to say for these counts. */
		@Nullable String of(Counts counts);

	}

}
