package dev.lsarchive.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes the fields that carry secrets before a payload is kept anywhere, at any depth: stream
 * keys, publish URLs (they embed the stream key), passwords, signatures, secrets and tokens, the
 * callback URL (its path is the receiver's own secret), and inside a re-stream target its RTMP id;
 * a re-stream target's URL loses its user information and query. A field is recognized by its name,
 * in any case and with or without {@code _} or {@code -}, so that a variant of a documented secret
 * ({@code stream_key}, {@code backupPublishUrl}) is removed as well.
 */
final class PayloadRedaction {

	// the documented names as the API spells them, known without normalizing; the rules below find their variants
	private static final Set<String> SECRET_FIELDS = Set.of("streamKey", "publishUrl", "globalPublishUrl",
			"streamkey", "stream_key", "password", "signature", "callbackUrl", "callbackEndpoint");

	// inside a re-stream target, "id" is the RTMP authentication id, and the URL may carry credentials
	private static final String RESTREAM_TARGETS = "restream";

	// an answer repeats a few field names in every record: each is judged once (bounded, whatever names arrive)
	private static final int JUDGED_NAMES_KEPT = 4096;

	private static final Map<String, Boolean> JUDGED = new ConcurrentHashMap<>();

	private PayloadRedaction() {
	}

	/** Whether a field of this name carries a secret. */
	static boolean isSecret(String name) {
		Boolean judged = JUDGED.get(name);
		if (judged != null) {
			return judged;
		}
		boolean secret = judge(name);
		if (JUDGED.size() < JUDGED_NAMES_KEPT) {
			JUDGED.put(name, secret);
		}
		return secret;
	}

	private static boolean judge(String name) {
		if (SECRET_FIELDS.contains(name)) {
			return true;
		}
		String n = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
		return n.endsWith("streamkey") || n.endsWith("publishurl") || n.contains("password")
				|| n.contains("signature") || n.contains("secret") || n.endsWith("token")
				|| (n.startsWith("callback") && (n.endsWith("url") || n.endsWith("uri") || n.endsWith("endpoint")));
	}

	/** {@code node} without its secrets (changed in place, and returned). */
	static JsonNode redact(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> secrets = null;
			for (String name : object.propertyNames()) {
				if (isSecret(name)) {
					if (secrets == null) {
						secrets = new ArrayList<>(4);
					}
					secrets.add(name);
				}
			}
			if (secrets != null) {
				object.remove(secrets);
			}
			JsonNode targets = object.get(RESTREAM_TARGETS);
			if (targets != null && targets.isArray()) {
				for (JsonNode target : targets.values()) {
					if (target instanceof ObjectNode targetObject) {
						redactTarget(targetObject);
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

	private static void redactTarget(ObjectNode target) {
		target.remove("id");
		JsonNode url = target.get("rtmpUrl");
		if (url != null && url.isString()) {
			target.put("rtmpUrl", RestreamTarget.withoutCredentials(url.asString()));
		}
	}

}
