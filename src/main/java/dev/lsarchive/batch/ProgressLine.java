package dev.lsarchive.batch;

import java.util.Locale;

/**
 * The live progress line of a running step on an interactive terminal: records read, rate, the share
 * of channels done and an estimate of the time left, e.g.
 * {@code events  1,234,567 events  45,678/s  37% of channels  ~0:42 left}.
 */
public final class ProgressLine {

	private ProgressLine() {
	}

	/**
	 * The line for a step that has read {@code records} {@code unit} (its resource, e.g. events) in
	 * {@code seconds}, with {@code channelsDone} of {@code channels} done ({@code channels} 0: unknown,
	 * no share or estimate).
	 */
	public static String of(String step, String unit, long records, double seconds, long channelsDone,
			long channels) {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s  %,d %s  %,d/s", step, records, unit,
				Math.round(records / Math.max(seconds, 1e-3))));
		if (channels > 0) {
			double done = Math.min(1.0, (double) channelsDone / channels);
			line.append(String.format(Locale.ROOT, "  %d%% of channels", (int) Math.floor(done * 100)));
			if (done > 0 && done < 1) {
				long left = Math.round(seconds * (1 - done) / done);
				line.append(String.format(Locale.ROOT, "  ~%d:%02d left", left / 60, left % 60));
			}
		}
		return line.toString();
	}

}
