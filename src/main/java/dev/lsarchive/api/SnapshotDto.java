package dev.lsarchive.api;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Snapshot info as received, every field as text.
 *
 * @param channelId channel that took the snapshot
 * @param channelStatus channel status at capture, as received
 * @param snapshotId snapshot id
 * @param snapshotUrl playback URL (valid one hour after creation)
 * @param createdTime creation time, epoch milliseconds as text
 * @param expireTime expiry time, epoch milliseconds as text
 * @param duration requested length in minutes
 * @param payload the whole {@code content} object as JSON, secrets removed
 * @param fields the paths of the fields of {@code payload} ({@code snapshot.snapshotUrl}; see {@link FieldPaths}),
 * read once; empty for a snapshot built by hand
 */
public record SnapshotDto(@Nullable String channelId, @Nullable String channelStatus, @Nullable String snapshotId,
		@Nullable String snapshotUrl, @Nullable String createdTime, @Nullable String expireTime,
		@Nullable String duration, String payload, Set<String> fields) {

	/** A snapshot built by hand, without field paths. */
	public SnapshotDto(@Nullable String channelId, @Nullable String channelStatus, @Nullable String snapshotId,
			@Nullable String snapshotUrl, @Nullable String createdTime, @Nullable String expireTime,
			@Nullable String duration, String payload) {
		this(channelId, channelStatus, snapshotId, snapshotUrl, createdTime, expireTime, duration, payload, Set.of());
	}

	static SnapshotDto from(JsonNode content) {
		JsonNode redacted = PayloadRedaction.redact(content);
		JsonNode snapshot = redacted.path("snapshot");
		if (!redacted.isObject() || !snapshot.isObject()) {
			return new SnapshotDto(redacted.isObject() ? JsonText.field(redacted, "channelId") : null, null, null,
					null, null, null, null, redacted.toString(), FieldPaths.of(redacted));
		}
		return new SnapshotDto(JsonText.field(redacted, "channelId"), JsonText.field(redacted, "channelStatus"),
				JsonText.field(snapshot, "snapshotId"), JsonText.field(snapshot, "snapshotUrl"),
				JsonText.field(snapshot, "createdTime"), JsonText.field(snapshot, "expireTime"),
				JsonText.field(snapshot, "duration"), redacted.toString(), FieldPaths.of(redacted));
	}

}
