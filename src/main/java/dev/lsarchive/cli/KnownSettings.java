package dev.lsarchive.cli;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.bench.BenchProperties;
import dev.lsarchive.callback.CallbackProperties;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.simulator.SimulatorProperties;

/**
 * Every setting under the product's own prefixes, read from the {@code @ConfigurationProperties}
 * records themselves (so that a new component is known the moment it exists), and the profiles a
 * start may name.
 */
final class KnownSettings {

	/** The prefixes whose keys the product owns: an unknown key under one of them is a typo. */
	static final List<String> PREFIXES = List.of("archive.", "livestation.", "simulator.", "bench.");

	/** The profiles a start may name. */
	static final List<String> PROFILES = List.of("demo", "health", "bench", "simulator", "cds-training");

	/** Profiles that may use the documented local database when none is set. */
	static final Set<String> LOCAL_DATABASE_PROFILES = Set.of("demo", "bench", "simulator");

	private static final List<Class<? extends Record>> RECORDS = List.of(ArchiveProperties.class,
			CallbackProperties.class, LiveStationProperties.class, SimulatorProperties.class, BenchProperties.class);

	// settings read by a condition rather than a record
	private static final Map<String, Class<?>> CONDITIONS = Map.of("archive.run-on-startup", boolean.class);

	private final Map<String, Class<?>> types = new LinkedHashMap<>();

	private KnownSettings() {
		for (Class<? extends Record> type : RECORDS) {
			add(type.getAnnotation(ConfigurationProperties.class).value(), type);
		}
		this.types.putAll(CONDITIONS);
	}

	/** The settings of this version. */
	static KnownSettings load() {
		return new KnownSettings();
	}

	private void add(String prefix, Class<?> type) {
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + kebab(component.getName());
			if (component.getType().isRecord()) {
				add(name, component.getType());
			}
			else {
				this.types.put(name, component.getType());
			}
		}
	}

	// Spring Boot's own keys (and its --debug and --trace switches), left to Spring Boot; a misspelt
	// profile key is not one of them
	private static final List<String> SPRING_BOOT_PREFIXES = List.of("spring.", "management.", "logging.", "server.",
			"info.");

	private static final Set<String> SPRING_BOOT_SWITCHES = Set.of("debug", "trace");

	private static final Set<String> PROFILE_KEYS = Set.of("spring.profiles.active", "spring.profiles.include",
			"spring.profiles.default");

	/** Whether {@code key}, outside the product's prefixes, is Spring Boot's to judge. */
	static boolean leftToSpringBoot(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		if (lower.startsWith("spring.profile")) {
			return PROFILE_KEYS.contains(lower) || lower.startsWith("spring.profiles.group.");
		}
		return SPRING_BOOT_SWITCHES.contains(lower) || SPRING_BOOT_PREFIXES.stream().anyMatch(lower::startsWith);
	}

	/** The word a bare {@code word} (without its dashes) most likely meant: {@code --help} or {@code --version}. */
	static Optional<String> meantWord(String word) {
		String lower = word.toLowerCase(Locale.ROOT);
		if (Set.of("help", "h", "?", "usage").contains(lower)) {
			return Optional.of("--help");
		}
		if (Set.of("version", "v").contains(lower)) {
			return Optional.of("--version");
		}
		return Optional.empty();
	}

	/** Whether {@code key} (as given: kebab, camel or snake case, with or without an index) lies under a product prefix. */
	static boolean owned(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		return PREFIXES.stream().anyMatch(lower::startsWith);
	}

	/** The canonical name of {@code key}, when it is a known setting. */
	Optional<String> find(String key) {
		String given = comparable(key);
		return this.types.keySet().stream().filter((name) -> comparable(name).equals(given)).findFirst();
	}

	/** The value type of the known setting {@code name}. */
	Class<?> type(String name) {
		return this.types.get(name);
	}

	/** Every known setting's canonical name. */
	Collection<String> names() {
		return this.types.keySet();
	}

	/**
	 * The known name closest to {@code key}, when one is close enough to be what was meant: also for a
	 * key given without its prefix ({@code run-date} → {@code archive.run-date}), and for the word
	 * switches ({@code help=1} → {@code help}) and the profile key.
	 */
	Optional<String> nearest(String key) {
		Optional<String> word = meantWord(key.contains("=") ? key.substring(0, key.indexOf('=')) : key)
			.map((flag) -> flag.substring(2));
		if (word.isPresent()) {
			return word;
		}
		if (key.toLowerCase(Locale.ROOT).startsWith("spring.")) {
			return nearest(key, PROFILE_KEYS);
		}
		Optional<String> direct = nearest(key, this.types.keySet());
		if (direct.isPresent() || owned(key)) {
			return direct;
		}
		String bare = comparable(key);
		return this.types.keySet()
			.stream()
			.filter((name) -> comparable(name.substring(name.indexOf('.') + 1)).equals(bare)
					|| comparable(name.substring(name.lastIndexOf('.') + 1)).equals(bare))
			.findFirst()
			.or(() -> PREFIXES.stream().map((prefix) -> nearest(prefix + key, this.types.keySet()))
				.flatMap(Optional::stream)
				.findFirst());
	}

	/** The candidate closest to {@code given}, when one is close enough to be what was meant. */
	static Optional<String> nearest(String given, Collection<String> candidates) {
		String wanted = comparable(given);
		return candidates.stream()
			.map((candidate) -> Map.entry(candidate, distance(wanted, comparable(candidate))))
			.filter((scored) -> scored.getValue() <= Math.max(2, wanted.length() / 3))
			.min(Comparator.comparingInt(Map.Entry::getValue))
			.map(Map.Entry::getKey);
	}

	// relaxed binding: archive.run-date, archive.runDate and archive.run_date are the same setting,
	// and a list or map element belongs to its setting
	private static String comparable(String key) {
		String withoutIndex = key.replaceAll("\\[[^]]*]", "");
		return withoutIndex.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	// Levenshtein distance, enough for names of a few dozen characters
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/** The names of {@code values}' constants as a setting takes them ({@code SNAPSHOT_CAPTURE} → {@code snapshot-capture}). */
	static List<String> enumValues(Class<?> type) {
		List<String> values = new ArrayList<>();
		for (Object constant : type.getEnumConstants()) {
			values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
		}
		return values;
	}

}
