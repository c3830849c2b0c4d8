package dev.lsarchive.api;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** Reads JSON fields leniently as text, so that a wrong type reaches the normalizer instead of failing a page. */
final class JsonText {

	private JsonText() {
	}

	/** The field as text: a scalar's value, a container's JSON, null when missing or JSON null. */
	static @Nullable String field(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

}
