package dev.lsarchive.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The names of the fields a record carries, as dotted paths, so that a field Live Station starts
 * sending is noticed. Every field is named, whatever its value: a top-level field by its name
 * ({@code channelId}, {@code cdn}), a field of a nested object after its object's path and a dot
 * ({@code cdn.cdnType}), a field of the objects inside an array after the array's path and
 * {@code []} ({@code restream[].targetName}; an array inside an array adds another {@code []}).
 * Elements that are not objects add no path. The paths are those of the payload as kept: secrets
 * removed. They come in the order of the record, each once.
 */
final class FieldPaths {

	private FieldPaths() {
	}

	/** The paths of {@code record}'s fields; none when it is not an object. */
	static Set<String> of(JsonNode record) {
		if (!record.isObject()) {
			return Set.of();
		}
		Set<String> paths = new LinkedHashSet<>();
		collect(record, "", paths);
		return Collections.unmodifiableSet(paths);
	}

	/** Adds to {@code paths} the paths of {@code node}'s fields, each after {@code prefix}. */
	static void collect(JsonNode node, String prefix, Set<String> paths) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String path = prefix.isEmpty() ? field.getKey() : prefix + field.getKey();
				paths.add(path);
				JsonNode value = field.getValue();
				// a value that holds no field names none: no prefix built for each of a record's scalars
				if (value.isContainer()) {
					collect(value, path + ".", paths);
				}
			}
		}
		else if (node.isArray()) {
			String elements = (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1)) + "[].";
			for (JsonNode element : node.values()) {
				collect(element, elements, paths);
			}
		}
	}

}
