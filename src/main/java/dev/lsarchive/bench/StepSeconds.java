package dev.lsarchive.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How long one step of a measured run took (a partitioned step once, from its first start to its last end).
 *
 * @param step the step's name
 * @param seconds its duration
 */
record StepSeconds(String step, double seconds) {

	/** The steps as the figures print them: {@code channels 1.20 s; events 12.70 s; }. */
	static String describe(List<StepSeconds> steps) {
		return steps.stream()
			.map((step) -> String.format(Locale.ROOT, "%s %.2f s; ", step.step(), step.seconds()))
			.collect(Collectors.joining());
	}

	/** The steps as one value of the {@code BENCH} line, without spaces: {@code channels:1.20,events:12.70}. */
	static String field(List<StepSeconds> steps) {
		return steps.isEmpty() ? "none"
				: steps.stream()
					.map((step) -> String.format(Locale.ROOT, "%s:%.2f", step.step(), step.seconds()))
					.collect(Collectors.joining(","));
	}

}
