package dev.lsarchive.api;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Removes the fields that carry stream secrets before a payload is kept anywhere. */
final class PayloadRedaction {

	// publish URLs embed the stream key; the stream key is the credential to go live on a channel
	private static final Set<String> SECRET_FIELDS = Set.of("streamKey", "publishUrl", "globalPublishUrl",
			"streamkey", "stream_key");

	private PayloadRedaction() {
	}

	/** Whether a field of this name carries a stream secret. */
	static boolean isSecret(String name) {
		return SECRET_FIELDS.contains(name);
	}

	static JsonNode redact(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.remove(SECRET_FIELDS);
			for (JsonNode child : object.values()) {
				redact(child);
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node.values()) {
				redact(child);
			}
		}
		return node;
	}

}
