package dev.lsarchive.event;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A normalized event, as stored in {@code livestation.channel_event}.
 *
 * @param eventKey deterministic key derived from the other fields
 * @param channelId channel of the event
 * @param eventCode upper-case code
 * @param logLevel upper-case level
 * @param description description as received
 * @param occurredAtMillis when it happened, epoch milliseconds
 * @param timestampScaled whether the timestamp arrived in seconds
 * @param channelSource where the channel came from: event, request or description
 * @param requestedChannelId the channel whose list the event came in, if it was asked for one
 * @param extra the fields beside the mapped ones, as received (JSON, as jsonb holds it); null when none
 * @param fields the paths of the event's fields ({@code reporting.api_fields}); shared by the events of a shape
 */
record EventRow(UUID eventKey, String channelId, String eventCode, @Nullable String logLevel,
		@Nullable String description, long occurredAtMillis, boolean timestampScaled, String channelSource,
		@Nullable String requestedChannelId, @Nullable String extra, Set<String> fields) {
}
