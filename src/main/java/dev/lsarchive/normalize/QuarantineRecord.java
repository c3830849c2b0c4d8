package dev.lsarchive.normalize;

import org.jspecify.annotations.Nullable;

/**
 * A record that could not be archived.
 *
 * @param resource {@code channel}, {@code event} or {@code snapshot}
 * @param endpoint the API request that returned it
 * @param channelId the channel it concerns, when known
 * @param reason why it could not be archived
 * @param payload the record as received (secrets already removed by the client)
 * @param listChannelId for an event, the channel whose event list it came in (null otherwise)
 */
public record QuarantineRecord(String resource, String endpoint, @Nullable String channelId, String reason,
		String payload, @Nullable String listChannelId) {

	/** A record that did not come in a channel's event list. */
	public QuarantineRecord(String resource, String endpoint, @Nullable String channelId, String reason,
			String payload) {
		this(resource, endpoint, channelId, reason, payload, null);
	}

}
