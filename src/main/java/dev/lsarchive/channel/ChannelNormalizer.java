package dev.lsarchive.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.RestreamTarget;
import dev.lsarchive.normalize.ChannelStatus;
import dev.lsarchive.normalize.EpochTime;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.normalize.StorableText;
import dev.lsarchive.normalize.WholeNumber;

/**
 * Turns a listed channel into a {@link ChannelRow}, or a quarantine entry saying why it cannot be one.
 * The row keeps the channel as received; a re-stream channel's with the targets ({@code restream})
 * its channel info showed, so that its configuration's history sees them change.
 */
class ChannelNormalizer implements ItemProcessor<ChannelDto, Outcome<ChannelRow>> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TARGETS = "restream";

	/** The request a channel of {@code kind} comes from. */
	static String endpoint(ChannelKind kind) {
		return ApiPath.listing(kind).label();
	}

	private final EpochTime epochTime;

	ChannelNormalizer(Clock clock) {
		this.epochTime = new EpochTime(clock);
	}

	@Override
	public Outcome<ChannelRow> process(ChannelDto channel) {
		StorableText.Fields text = new StorableText.Fields();
		String receivedId = text.identifier("channelId", channel.channelId());
		String channelName = text.text("channelName", channel.channelName());
		String channelStatus = text.identifier("channelStatus", channel.channelStatus());
		String qualitySetName = text.text("qualitySetName", channel.qualitySetName());
		String outputProtocol = text.identifier("outputProtocol", channel.outputProtocol());
		String planType = text.identifier("planType", channel.planType());
		List<ChannelRow.Target> targets = null;
		if (channel.restreamTargets() != null) {
			targets = new ArrayList<>();
			Set<List<String>> seen = new HashSet<>();
			for (RestreamTarget target : channel.restreamTargets()) {
				String name = text.identifier("restream.targetName", target.targetName());
				String url = text.text("restream.rtmpUrl", target.rtmpUrl());
				ChannelRow.Target row = new ChannelRow.Target((name != null) ? name.trim() : "UNKNOWN",
						(url != null) ? url : "", StorableText.json(target.payload()), target.fields());
				// a target is the pair of platform and URL: the same pair twice is one target
				if (seen.add(List.of(row.targetName(), row.rtmpUrl()))) {
					targets.add(row);
				}
			}
		}
		String channelId = (receivedId != null) ? receivedId.trim() : "";
		if (channelId.isEmpty()) {
			return reject(channel, null, "missing channelId");
		}
		if (text.problem() != null) {
			return reject(channel, StorableText.identifierForQuarantine(channelId), text.problem());
		}
		Instant createdAt = null;
		if (channel.createdTime() != null) {
			EpochTime.Parsed created = this.epochTime.parse(channel.createdTime(), "createdTime");
			if (!created.valid()) {
				return reject(channel, channelId, created.error());
			}
			createdAt = created.instant();
		}
		Instant recentPublish = null;
		if (channel.recentPublishStartTime() != null) {
			EpochTime.Parsed recent = this.epochTime.parse(channel.recentPublishStartTime(), "recentPublishStartTime");
			if (!recent.valid()) {
				return reject(channel, channelId, recent.error());
			}
			recentPublish = recent.instant();
		}
		Long snapshotId = null;
		if (channel.snapshotId() != null) {
			snapshotId = WholeNumber.parse(channel.snapshotId());
			if (snapshotId == null) {
				return reject(channel, channelId, "snapshot.snapshotId is not an integer: " + channel.snapshotId());
			}
		}
		Integer timemachine = null;
		if (channel.timemachineMin() != null) {
			Long minutes = WholeNumber.parse(channel.timemachineMin());
			if (minutes == null || minutes < 0 || minutes > Integer.MAX_VALUE) {
				return reject(channel, channelId, "timemachineMin is not a number of minutes: " + channel.timemachineMin());
			}
			timemachine = minutes.intValue();
		}
		Long instanceNo = null;
		if (channel.instanceNo() != null) {
			instanceNo = WholeNumber.parse(channel.instanceNo());
			if (instanceNo == null) {
				return reject(channel, channelId, "instanceNo is not an integer: " + channel.instanceNo());
			}
		}
		Integer platformCount = null;
		if (channel.platformCount() != null) {
			Long count = WholeNumber.parse(channel.platformCount());
			if (count == null || count < 0 || count > Integer.MAX_VALUE) {
				return reject(channel, channelId, "platformCount is not a count: " + channel.platformCount());
			}
			platformCount = count.intValue();
		}
		Long publishSeconds = null;
		if (channel.totalPublishSeconds() != null) {
			publishSeconds = WholeNumber.parse(channel.totalPublishSeconds());
			if (publishSeconds == null || publishSeconds < 0) {
				return reject(channel, channelId,
						"totalPublishSeconds is not a number of seconds: " + channel.totalPublishSeconds());
			}
		}
		ChannelStatus status = ChannelStatus.of(channelStatus);
		return Outcome.archive(new ChannelRow(channelId, channelName, status.value(), status.raw(), status.known(),
				qualitySetName, outputProtocol, parseBoolean(channel.isRecording()), timemachine, createdAt,
				recentPublish, snapshotId, channel.kind().name(), parseBoolean(channel.useDvr()), instanceNo,
				(planType != null) ? planType.trim() : null, platformCount, publishSeconds, targets,
				StorableText.json(withTargets(channel.payload(), channel.restreamTargets())), channel.fields()));
	}

	// the listed channel, and the targets its channel info showed (as received, secrets removed)
	private static String withTargets(String payload, @Nullable List<RestreamTarget> targets) {
		if (targets == null) {
			return payload;
		}
		JsonNode listed = JSON.readTree(payload);
		if (!(listed instanceof ObjectNode channel)) {
			return payload;
		}
		ArrayNode restream = channel.putArray(TARGETS);
		for (RestreamTarget target : targets) {
			restream.add(JSON.readTree(target.payload()));
		}
		return channel.toString();
	}

	private static Outcome<ChannelRow> reject(ChannelDto channel, @Nullable String channelId, String reason) {
		return Outcome.quarantine(new QuarantineRecord("channel", endpoint(channel.kind()), channelId, reason,
				channel.payload()));
	}

	private static @Nullable Boolean parseBoolean(@Nullable String text) {
		if (text == null) {
			return null;
		}
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> null;
		};
	}

}
