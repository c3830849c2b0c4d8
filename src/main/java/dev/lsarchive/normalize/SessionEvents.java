package dev.lsarchive.normalize;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event codes that start and end a channel's sessions, as normalized (upper case): publishing
 * and recording (on air). Of a channel's events only these change its sessions, and only the
 * recording ones announce a new or finished recording. SQL takes them as parameters.
 */
public enum SessionEvents {

	/** A publish session: {@code PUBLISH_START} .. {@code PUBLISH_END}. */
	PUBLISH("PUBLISH_START", "PUBLISH_END"),

	/** A recording: {@code ONAIR_START} .. {@code ONAIR_END}; each leaves a recording file. */
	RECORDING("ONAIR_START", "ONAIR_END");

	private static final Set<String> ALL = Arrays.stream(values())
		.flatMap((kind) -> Arrays.stream(kind.codes()))
		.collect(Collectors.toUnmodifiableSet());

	private final String start;

	private final String end;

	SessionEvents(String start, String end) {
		this.start = start;
		this.end = end;
	}

	/** The code of the event that starts a session. */
	public String start() {
		return this.start;
	}

	/** The code of the event that ends a session. */
	public String end() {
		return this.end;
	}

	/** Both codes, start first (a new array: for an SQL {@code text[]} parameter). */
	public String[] codes() {
		return new String[] { this.start, this.end };
	}

	/** Whether {@code code} starts or ends a session of any kind. */
	public static boolean isSessionCode(String code) {
		return ALL.contains(code);
	}

}
