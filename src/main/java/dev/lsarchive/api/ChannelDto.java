package dev.lsarchive.api;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One channel as the API listed it, every field as received (text), secrets removed.
 *
 * @param channelId channel id ({@code ls-…})
 * @param channelName channel name
 * @param channelStatus status as received, e.g. {@code PUBLISHING} or legacy {@code PUBLISH}
 * @param qualitySetName quality set name
 * @param outputProtocol output protocol
 * @param isRecording whether recording is on
 * @param timemachineMin time machine length in minutes
 * @param createdTime creation time, epoch milliseconds as text
 * @param recentPublishStartTime last publish start, epoch milliseconds as text
 * @param snapshotId {@code snapshot.snapshotId}, or null
 * @param payload the whole channel object as JSON, without stream key and publish URLs
 */
public record ChannelDto(@Nullable String channelId, @Nullable String channelName, @Nullable String channelStatus,
		@Nullable String qualitySetName, @Nullable String outputProtocol, @Nullable String isRecording,
		@Nullable String timemachineMin, @Nullable String createdTime, @Nullable String recentPublishStartTime,
		@Nullable String snapshotId, String payload) {

	static ChannelDto from(JsonNode node) {
		JsonNode redacted = PayloadRedaction.redact(node);
		if (!redacted.isObject()) {
			return new ChannelDto(null, null, null, null, null, null, null, null, null, null, redacted.toString());
		}
		JsonNode snapshot = redacted.path("snapshot");
		return new ChannelDto(JsonText.field(redacted, "channelId"), JsonText.field(redacted, "channelName"),
				JsonText.field(redacted, "channelStatus"), JsonText.field(redacted, "qualitySetName"),
				JsonText.field(redacted, "outputProtocol"), JsonText.field(redacted, "isRecording"),
				JsonText.field(redacted, "timemachineMin"), JsonText.field(redacted, "createdTime"),
				JsonText.field(redacted, "recentPublishStartTime"),
				snapshot.isObject() ? JsonText.field(snapshot, "snapshotId") : null, redacted.toString());
	}

	// payload may hold a long description-like blob; keep toString short for logs
	@Override
	public String toString() {
		return "ChannelDto[" + this.channelId + ", status=" + this.channelStatus + "]";
	}

}
