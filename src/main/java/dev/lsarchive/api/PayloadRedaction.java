package dev.lsarchive.api;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Removes the fields that carry stream secrets before a payload is kept anywhere. */
final class PayloadRedaction {

	// publish URLs embed the stream key; the stream key is the credential to go live on a channel; a
	// re-stream target carries the platform's stream key and an RTMP password
	private static final Set<String> SECRET_FIELDS = Set.of("streamKey", "publishUrl", "globalPublishUrl",
			"streamkey", "stream_key", "password");

	// inside a re-stream target, "id" is the RTMP authentication id
	private static final String RESTREAM_TARGETS = "restream";

	private PayloadRedaction() {
	}

	/** Whether a field of this name carries a stream secret. */
	static boolean isSecret(String name) {
		return SECRET_FIELDS.contains(name);
	}

	static JsonNode redact(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.remove(SECRET_FIELDS);
			JsonNode targets = object.get(RESTREAM_TARGETS);
			if (targets != null && targets.isArray()) {
				for (JsonNode target : targets.values()) {
					if (target instanceof ObjectNode targetObject) {
						targetObject.remove("id");
					}
				}
			}
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
