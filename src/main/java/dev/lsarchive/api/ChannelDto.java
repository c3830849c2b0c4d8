package dev.lsarchive.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * @param kind the listing that showed the channel
 * @param useDvr {@code useDvr}, or {@code useDVR} as the response docs spell it
 * @param instanceNo instance number (integer on one page, string on another)
 * @param planType re-stream plan ({@code STANDARD}, {@code PROFESSIONAL})
 * @param platformCount re-stream platforms configured
 * @param totalPublishSeconds re-stream seconds published in total
 * @param restreamTargets re-stream targets from the channel info, without secrets; null when not read
 * @param fields the paths of the fields of {@code payload} (see {@link FieldPaths}: {@code cdn.cdnType}), read
 * once; empty for a channel built by hand
 */
public record ChannelDto(@Nullable String channelId, @Nullable String channelName, @Nullable String channelStatus,
		@Nullable String qualitySetName, @Nullable String outputProtocol, @Nullable String isRecording,
		@Nullable String timemachineMin, @Nullable String createdTime, @Nullable String recentPublishStartTime,
		@Nullable String snapshotId, String payload, ChannelKind kind, @Nullable String useDvr,
		@Nullable String instanceNo, @Nullable String planType, @Nullable String platformCount,
		@Nullable String totalPublishSeconds, @Nullable List<RestreamTarget> restreamTargets, Set<String> fields) {

	/** A live channel with only the fields every kind shares. */
	public ChannelDto(@Nullable String channelId, @Nullable String channelName, @Nullable String channelStatus,
			@Nullable String qualitySetName, @Nullable String outputProtocol, @Nullable String isRecording,
			@Nullable String timemachineMin, @Nullable String createdTime, @Nullable String recentPublishStartTime,
			@Nullable String snapshotId, String payload) {
		this(channelId, channelName, channelStatus, qualitySetName, outputProtocol, isRecording, timemachineMin,
				createdTime, recentPublishStartTime, snapshotId, payload, ChannelKind.LIVE, null, null, null, null, null,
				null, Set.of());
	}

	static ChannelDto from(JsonNode node, ChannelKind kind) {
		JsonNode redacted = PayloadRedaction.redact(node);
		if (!redacted.isObject()) {
			return new ChannelDto(null, null, null, null, null, null, null, null, null, null, redacted.toString(), kind,
					null, null, null, null, null, null, Set.of());
		}
		JsonNode snapshot = redacted.path("snapshot");
		String useDvr = JsonText.field(redacted, "useDvr");
		return new ChannelDto(JsonText.field(redacted, "channelId"), JsonText.field(redacted, "channelName"),
				JsonText.field(redacted, "channelStatus"), JsonText.field(redacted, "qualitySetName"),
				JsonText.field(redacted, "outputProtocol"), JsonText.field(redacted, "isRecording"),
				JsonText.field(redacted, "timemachineMin"), JsonText.field(redacted, "createdTime"),
				JsonText.field(redacted, "recentPublishStartTime"),
				snapshot.isObject() ? JsonText.field(snapshot, "snapshotId") : null, redacted.toString(), kind,
				(useDvr != null) ? useDvr : JsonText.field(redacted, "useDVR"), JsonText.field(redacted, "instanceNo"),
				JsonText.field(redacted, "planType"), JsonText.field(redacted, "platformCount"),
				JsonText.field(redacted, "totalPublishSeconds"), null, FieldPaths.of(redacted));
	}

	/** The re-stream targets of a channel info ({@code restream[]}), secrets left behind; null without the array. */
	static @Nullable List<RestreamTarget> targets(JsonNode content) {
		JsonNode restream = PayloadRedaction.redact(content).path("restream");
		if (!restream.isArray()) {
			return null;
		}
		List<RestreamTarget> targets = new ArrayList<>();
		for (JsonNode target : restream.values()) {
			if (target.isObject()) {
				targets.add(RestreamTarget.from(target));
			}
		}
		return targets;
	}

	/** The same channel with the re-stream targets its channel info shows. */
	public ChannelDto withTargets(@Nullable List<RestreamTarget> targets) {
		return new ChannelDto(this.channelId, this.channelName, this.channelStatus, this.qualitySetName,
				this.outputProtocol, this.isRecording, this.timemachineMin, this.createdTime, this.recentPublishStartTime,
				this.snapshotId, this.payload, this.kind, this.useDvr, this.instanceNo, this.planType, this.platformCount,
				this.totalPublishSeconds, (targets != null) ? List.copyOf(targets) : null, this.fields);
	}

	// payload may hold a long description-like blob; keep toString short for logs
	@Override
	public String toString() {
		return "ChannelDto[" + this.channelId + ", " + this.kind + ", status=" + this.channelStatus + "]";
	}

}
