package dev.lsarchive.cli;

import java.util.List;

/** A start refused before anything began: the settings it does not understand, one line each. */
public final class SettingsRefusedException extends IllegalStateException {

	private final List<String> problems;

	SettingsRefusedException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** One line per problem. */
	public List<String> problems() {
		return this.problems;
	}

}
