package dev.lsarchive.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code --help} and {@code --version} print: answered from the arguments alone, before the
 * application starts, so that neither touches the database or the API.
 */
public final class Usage {

	private static final Set<String> HELP = Set.of("--help", "-h", "-?");

	private static final Set<String> VERSION = Set.of("--version", "-V");

	private Usage() {
	}

	/** The text to print and exit with 0, when {@code args} ask for help or the version. */
	public static Optional<String> answer(String[] args) {
		for (String arg : args) {
			if (HELP.contains(arg)) {
				return Optional.of(help());
			}
			if (VERSION.contains(arg)) {
				return Optional.of("livestation-archive " + version() + System.lineSeparator());
			}
		}
		return Optional.empty();
	}

	/** The version of the running jar ({@code dev} when run from classes). */
	public static String version() {
		String version = Usage.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

	static String help() {
		try (InputStream text = Usage.class.getResourceAsStream("usage.txt")) {
			if (text == null) {
				throw new IllegalStateException("usage.txt is missing from the jar");
			}
			return new String(text.readAllBytes(), StandardCharsets.UTF_8).replace("{version}", version());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
