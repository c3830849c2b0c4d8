package dev.lsarchive.api;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

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
 */
public record EventDto(@Nullable String requestedChannelId, @Nullable String channelId, @Nullable String logLevel,
		@Nullable String eventCode, @Nullable String description, @Nullable String timestamp, Payload payload) {

	static EventDto from(@Nullable String requestedChannelId, JsonNode node) {
		JsonNode redacted = PayloadRedaction.redact(node);
		if (!redacted.isObject()) {
			return new EventDto(requestedChannelId, null, null, null, null, null, Payload.of(redacted));
		}
		return new EventDto(requestedChannelId, JsonText.field(redacted, "channelId"),
				JsonText.field(redacted, "logLevel"), JsonText.field(redacted, "eventCode"),
				JsonText.field(redacted, "description"), JsonText.field(redacted, "timestamp"), Payload.of(redacted));
	}

	@Override
	public String toString() {
		return "EventDto[" + ((this.channelId != null) ? this.channelId : this.requestedChannelId) + ", "
				+ this.eventCode + "@" + this.timestamp + "]";
	}

}
