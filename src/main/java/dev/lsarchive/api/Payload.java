package dev.lsarchive.api;

import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * A record as received, rendered as JSON only when someone asks: almost every event is archived
 * and never needs its JSON again, so a million of them should not each be serialized back to text.
 */
public final class Payload {

	private final Supplier<JsonNode> node;

	private String json;

	private Payload(Supplier<JsonNode> node, String json) {
		this.node = node;
		this.json = json;
	}

	/** A payload of parsed JSON (already redacted). */
	static Payload of(JsonNode node) {
		return new Payload(() -> node, null);
	}

	/** A payload built only when asked for (already redacted). */
	static Payload lazy(Supplier<JsonNode> node) {
		return new Payload(node, null);
	}

	/** A payload of parsed JSON received from elsewhere (a pushed callback): its secrets removed, in place. */
	public static Payload redacted(JsonNode node) {
		return of(PayloadRedaction.redact(node));
	}

	/** A payload that is text already. */
	public static Payload of(String json) {
		return new Payload(null, json);
	}

	/** The payload as JSON text. */
	public String json() {
		if (this.json == null) {
			this.json = this.node.get().toString();
		}
		return this.json;
	}

	@Override
	public String toString() {
		return json();
	}

}
