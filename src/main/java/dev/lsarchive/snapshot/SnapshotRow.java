package dev.lsarchive.snapshot;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A normalized snapshot, as stored in {@code livestation.snapshot}.
 *
 * @param channelId channel that took it
 * @param snapshotId snapshot id
 * @param snapshotUrl playback URL
 * @param channelStatus normalized channel status at capture
 * @param channelStatusRaw status as received
 * @param statusKnown whether the status was a documented value
 * @param createdAt creation instant
 * @param expireAt expiry instant
 * @param durationMinutes requested length in minutes
 * @param infoCaptured whether the info was read; false: listed, but expired before any run read it
 * @param payload the info as received, secrets removed (JSON, as jsonb holds it); null when not captured
 * @param fields the paths of the info's fields ({@code reporting.api_fields}); none when not captured
 */
record SnapshotRow(String channelId, long snapshotId, @Nullable String snapshotUrl, String channelStatus,
		@Nullable String channelStatusRaw, boolean statusKnown, @Nullable Instant createdAt, @Nullable Instant expireAt,
		@Nullable Integer durationMinutes, boolean infoCaptured, @Nullable String payload, Set<String> fields) {
}
