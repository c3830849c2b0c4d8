package dev.lsarchive.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd unit file of jobs/systemd read as systemd reads the settings the tests check: sections of
 * key=value lines, time spans (systemd.time(7)), the start limit (systemd.unit(5)) and the times a
 * timer's {@code OnCalendar=} elapses (systemd.time(7), the every-day forms the timers here use).
 */
record SystemdUnitFile(Map<String, Map<String, String>> sections) {

	/** systemd.conf's DefaultStartLimitIntervalSec= and DefaultStartLimitBurst=, for a unit that sets neither. */
	private static final Duration DEFAULT_START_LIMIT_INTERVAL = Duration.ofSeconds(10);

	private static final int DEFAULT_START_LIMIT_BURST = 5;

	/** systemd.timer(5): AccuracySec= defaults to one minute. */
	private static final Duration DEFAULT_ACCURACY = Duration.ofMinutes(1);

	private static final Pattern SPAN_PART = Pattern
		.compile("(\\d+)\\s*(msec|ms|seconds|second|sec|s|minutes|minute|min|m|hours|hour|hr|h|days|day|d|weeks|week|w)?");

	static SystemdUnitFile read(Path file) throws Exception {
		Map<String, Map<String, String>> sections = new LinkedHashMap<>();
		Map<String, String> current = null;
		for (String line : Files.readAllLines(file)) {
			line = line.trim();
			if (line.startsWith("[")) {
				current = new LinkedHashMap<>();
				sections.put(line.substring(1, line.length() - 1), current);
			}
			else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith(";")) {
				int eq = line.indexOf('=');
				if (eq <= 0 || current == null) {
					throw new IllegalArgumentException(file + ": not a key=value line in a section: " + line);
				}
				current.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		return new SystemdUnitFile(sections);
	}

	Map<String, String> section(String name) {
		return this.sections.getOrDefault(name, Map.of());
	}

	/** StartLimitIntervalSec= of [Unit]; zero means no limit at all. */
	Duration startLimitInterval() {
		String value = section("Unit").get("StartLimitIntervalSec");
		return (value != null) ? timeSpan(value) : DEFAULT_START_LIMIT_INTERVAL;
	}

	int startLimitBurst() {
		String value = section("Unit").get("StartLimitBurst");
		return (value != null) ? Integer.parseInt(value.trim()) : DEFAULT_START_LIMIT_BURST;
	}

	/** Whether systemd itself starts the service again after it failed (Restart= other than no). */
	boolean restartsAfterFailure() {
		String restart = section("Service").getOrDefault("Restart", "no").trim();
		return !restart.equals("no");
	}

	/**
	 * The most starts a timer makes within one start-limit window. systemd's window opens at a start and
	 * counts every start up to its length later; each elapse may come up to {@link #lateness()} late, so a
	 * window that opened late also takes the elapse at its end.
	 */
	int mostStartsWithin(Duration window) {
		if (window.plus(lateness()).compareTo(Duration.ofHours(12)) > 0) {
			throw new IllegalArgumentException("a window this test cannot count over two days of elapses: " + window);
		}
		return mostWithin(elapsesOverTwoDays(section("Timer").get("OnCalendar")), window.plus(lateness()));
	}

	/** How late a timer may start its unit after an elapse: AccuracySec= plus RandomizedDelaySec=. */
	Duration lateness() {
		Map<String, String> timer = section("Timer");
		Duration accuracy = timer.containsKey("AccuracySec") ? timeSpan(timer.get("AccuracySec")) : DEFAULT_ACCURACY;
		return accuracy.plus(timeSpan(timer.getOrDefault("RandomizedDelaySec", "0")));
	}

	/** The most of these ascending instants (in seconds) that lie within one closed window of this length. */
	static int mostWithin(List<Long> seconds, Duration window) {
		int most = 0;
		for (int first = 0; first < seconds.size(); first++) {
			int count = 0;
			for (int next = first; next < seconds.size() && seconds.get(next) - seconds.get(first) <= window.toSeconds(); next++) {
				count++;
			}
			most = Math.max(most, count);
		}
		return most;
	}

	/** A systemd.time(7) time span such as {@code 1h}, {@code 14min}, {@code 30s}, {@code 1h 30min} or {@code 90}. */
	static Duration timeSpan(String value) {
		String span = value.trim();
		if (span.equals("infinity")) {
			throw new IllegalArgumentException("an infinite time span has no length: " + value);
		}
		Matcher part = SPAN_PART.matcher(span);
		Duration total = Duration.ZERO;
		int end = 0;
		while (end < span.length() && part.find(end) && part.start() == end) {
			long amount = Long.parseLong(part.group(1));
			String unit = (part.group(2) != null) ? part.group(2) : "s";
			total = total.plus(switch (unit) {
				case "ms", "msec" -> Duration.ofMillis(amount);
				case "s", "sec", "second", "seconds" -> Duration.ofSeconds(amount);
				case "m", "min", "minute", "minutes" -> Duration.ofMinutes(amount);
				case "h", "hr", "hour", "hours" -> Duration.ofHours(amount);
				case "d", "day", "days" -> Duration.ofDays(amount);
				default -> Duration.ofDays(7 * amount);
			});
			end = part.end();
			while (end < span.length() && span.charAt(end) == ' ') {
				end++;
			}
		}
		if (end != span.length()) {
			throw new IllegalArgumentException("not a time span this test reads: " + value);
		}
		return total;
	}

	/**
	 * The elapses of an every-day calendar event ({@code [*-*-* ]hour:minute[:second][ time zone]}, each field
	 * {@code *}, a value, {@code value/step} or a comma list of them), in seconds from the first day's
	 * midnight, over two days. A time zone without daylight saving time moves every elapse alike.
	 */
	static List<Long> elapsesOverTwoDays(String onCalendar) {
		List<String> words = new ArrayList<>(List.of(onCalendar.trim().split("\\s+")));
		if (words.get(0).equals("*-*-*")) {
			words.remove(0);
		}
		if (words.isEmpty() || words.get(0).contains("-") || words.size() > 2) {
			throw new IllegalArgumentException("not an every-day calendar event this test reads: " + onCalendar);
		}
		String[] time = words.get(0).split(":");
		if (time.length < 2 || time.length > 3) {
			throw new IllegalArgumentException("not a time of day: " + onCalendar);
		}
		TreeSet<Long> elapses = new TreeSet<>();
		for (int hour : values(time[0], 23)) {
			for (int minute : values(time[1], 59)) {
				for (int second : values((time.length == 3) ? time[2] : "00", 59)) {
					long ofDay = hour * 3600L + minute * 60L + second;
					elapses.add(ofDay);
					elapses.add(ofDay + 86_400L);
				}
			}
		}
		return List.copyOf(elapses);
	}

	private static List<Integer> values(String field, int max) {
		TreeSet<Integer> values = new TreeSet<>();
		for (String part : field.split(",")) {
			String[] repeat = part.split("/");
			int step = (repeat.length == 2) ? Integer.parseInt(repeat[1]) : 0;
			int from = repeat[0].equals("*") ? 0 : Integer.parseInt(repeat[0]);
			int to = (repeat[0].equals("*") || step > 0) ? max : from;
			for (int value = from; value <= to; value += Math.max(step, 1)) {
				values.add(value);
			}
		}
		return List.copyOf(values);
	}

}
