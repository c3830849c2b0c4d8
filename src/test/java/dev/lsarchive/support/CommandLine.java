package dev.lsarchive.support;

import java.util.ArrayList;
import java.util.List;

/** Command-line options for a run: defaults, each replaced by a test's own value of the same option. */
public final class CommandLine {

	private CommandLine() {
	}

	/** {@code defaults} with {@code overrides} applied; a repeated option would bind as a list, so none is left twice. */
	public static List<String> merge(List<String> defaults, String... overrides) {
		List<String> args = new ArrayList<>(defaults);
		for (String option : overrides) {
			String name = option.contains("=") ? option.substring(0, option.indexOf('=') + 1) : option;
			args.removeIf((arg) -> arg.startsWith(name));
			args.add(option);
		}
		return args;
	}

}
