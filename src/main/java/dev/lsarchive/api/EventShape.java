package dev.lsarchive.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** The fields an event is mapped to, and the shared sets of their paths. */
final class EventShape {

	// the fields the archive maps, in this order: bit 1 << i of a mask stands for the i-th
	private static final String[] MAPPED = { "channelId", "logLevel", "eventCode", "description", "timestamp" };

	// one set per combination of mapped fields present: an ordinary event allocates none
	private static final Set<String>[] SHARED = shared();

	private EventShape() {
	}

	/** The bit of a mapped field in a mask, 0 for any other name. */
	static int bit(String name) {
		return switch (name) {
			case "channelId" -> 1;
			case "logLevel" -> 2;
			case "eventCode" -> 4;
			case "description" -> 8;
			case "timestamp" -> 16;
			default -> 0;
		};
	}

	/** The mask of the mapped fields whose values are set, given in the order of {@link #bit}. */
	static int mask(@Nullable String... values) {
		int mask = 0;
		for (int i = 0; i < values.length; i++) {
			if (values[i] != null) {
				mask |= 1 << i;
			}
		}
		return mask;
	}

	/** The shared paths of an event carrying the mapped fields of {@code mask} and nothing else. */
	static Set<String> fields(int mask) {
		return SHARED[mask];
	}

	/** The paths of an event carrying the mapped fields of {@code mask} and the fields of {@code extra}. */
	static Set<String> fields(int mask, @Nullable JsonNode extra) {
		if (extra == null) {
			return SHARED[mask];
		}
		Set<String> paths = new LinkedHashSet<>(SHARED[mask]);
		FieldPaths.collect(extra, "", paths);
		return Collections.unmodifiableSet(paths);
	}

	@SuppressWarnings("unchecked")
	private static Set<String>[] shared() {
		Set<String>[] shared = new Set[1 << MAPPED.length];
		for (int mask = 0; mask < shared.length; mask++) {
			Set<String> paths = new LinkedHashSet<>();
			for (int i = 0; i < MAPPED.length; i++) {
				if ((mask & (1 << i)) != 0) {
					paths.add(MAPPED[i]);
				}
			}
			shared[mask] = Collections.unmodifiableSet(paths);
		}
		return shared;
	}

}
