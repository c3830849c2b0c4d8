package dev.lsarchive.callback;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One pushed event, validated and normalized, as {@code livestation.event_callback} stores it.
 *
 * @param eventId Live Station's event id
 * @param channelId the event's channel
 * @param eventCode trimmed, upper-case event code
 * @param logLevel upper-case log level, null when the body had none
 * @param occurredAt when the event happened
 * @param timestampScaled whether the timestamp arrived in seconds
 * @param payload the body as JSON, secrets removed, storable in {@code jsonb}
 */
record Callback(long eventId, String channelId, String eventCode, @Nullable String logLevel, Instant occurredAt,
		boolean timestampScaled, String payload) {
}
