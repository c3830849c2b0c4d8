package dev.lsarchive.event;

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
 */
record EventRow(UUID eventKey, String channelId, String eventCode, @Nullable String logLevel,
		@Nullable String description, long occurredAtMillis, boolean timestampScaled, String channelSource,
		@Nullable String requestedChannelId) {
}
