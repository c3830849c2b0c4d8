package dev.lsarchive.api;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event as received, every field as text.
 *
 * @param requestedChannelId the channel the request asked for, or null for the all-channels list
 * @param channelId the event's own {@code channelId} (newer responses only)
 * @param logLevel {@code INFO} or {@code ERROR}
 * @param eventCode event code as received, any case
 * @param description description as received
 * @param timestamp epoch milliseconds as text (or whatever arrived)
 * @param payload the whole event as received, rendered as JSON on demand
 * @param extra the fields beside the five above, as a JSON object without secrets; null when there are none
 * @param fields the paths of the event's fields: the five above that it carries, then those of {@code extra}
 * ({@code cdn.edgeRegion}; see {@link FieldPaths}); the same shared set for every event of a usual shape
 */
public record EventDto(@Nullable String requestedChannelId, @Nullable String channelId, @Nullable String logLevel,
		@Nullable String eventCode, @Nullable String description, @Nullable String timestamp, Payload payload,
		@Nullable String extra, Set<String> fields) {

	/** An event built by hand, without extra fields: its fields are those of its values that are set. */
	public EventDto(@Nullable String requestedChannelId, @Nullable String channelId, @Nullable String logLevel,
			@Nullable String eventCode, @Nullable String description, @Nullable String timestamp, Payload payload) {
		this(requestedChannelId, channelId, logLevel, eventCode, description, timestamp, payload, null,
				EventShape.fields(EventShape.mask(channelId, logLevel, eventCode, description, timestamp)));
	}

	static EventDto from(@Nullable String requestedChannelId, JsonNode node) {
		JsonNode redacted = PayloadRedaction.redact(node);
		if (!redacted.isObject()) {
			return new EventDto(requestedChannelId, null, null, null, null, null, Payload.of(redacted), null, Set.of());
		}
		int mapped = 0;
		ObjectNode extra = null;
		for (Map.Entry<String, JsonNode> field : redacted.properties()) {
			int bit = EventShape.bit(field.getKey());
			if (bit != 0) {
				mapped |= bit;
			}
			else {
				if (extra == null) {
					extra = JsonNodeFactory.instance.objectNode();
				}
				extra.set(field.getKey(), field.getValue());
			}
		}
		return new EventDto(requestedChannelId, JsonText.field(redacted, "channelId"),
				JsonText.field(redacted, "logLevel"), JsonText.field(redacted, "eventCode"),
				JsonText.field(redacted, "description"), JsonText.field(redacted, "timestamp"), Payload.of(redacted),
				(extra != null) ? extra.toString() : null, EventShape.fields(mapped, extra));
	}

	@Override
	public String toString() {
		return "EventDto[" + ((this.channelId != null) ? this.channelId : this.requestedChannelId) + ", "
				+ this.eventCode + "@" + this.timestamp + "]";
	}

}
