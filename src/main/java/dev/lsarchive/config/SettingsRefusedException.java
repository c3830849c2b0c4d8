package dev.lsarchive.config;

import java.util.List;

/** A start refused before any work: the settings it cannot run with, one line each. */
public final class SettingsRefusedException extends IllegalStateException {

	private final List<String> problems;

	/** Refused for {@code problems}, each one line that says what to do. */
	public SettingsRefusedException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** One line per problem. */
	public List<String> problems() {
		return this.problems;
	}

}
