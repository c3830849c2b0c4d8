package dev.lsarchive.channel;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A normalized channel, as stored in {@code livestation.channel}.
 *
 * @param channelId channel id
 * @param channelName channel name
 * @param channelStatus normalized status
 * @param channelStatusRaw status as received
 * @param statusKnown whether the received status was a documented value
 * @param qualitySetName quality set name
 * @param outputProtocol output protocol
 * @param recording whether recording is on
 * @param timemachineMin time machine window in minutes
 * @param createdAt creation instant
 * @param recentPublishStartAt latest publish start
 * @param snapshotId snapshot id from the listing
 * @param channelType {@code LIVE}, {@code RE_STREAM} or {@code VOD2LIVE}
 * @param useDvr whether DVR is on
 * @param instanceNo instance number
 * @param planType re-stream plan type
 * @param platformCount re-stream platforms configured
 * @param totalPublishSeconds re-stream seconds published in total
 * @param targets re-stream targets; null when the channel info was not read (other kinds, or a channel gone)
 * @param payload the channel as received, secrets removed, with the targets its channel info showed (JSON, as
 * jsonb holds it)
 * @param fields the paths of the fields of the channel as listed ({@code reporting.api_fields})
 */
record ChannelRow(String channelId, @Nullable String channelName, String channelStatus,
		@Nullable String channelStatusRaw, boolean statusKnown, @Nullable String qualitySetName,
		@Nullable String outputProtocol, @Nullable Boolean recording, @Nullable Integer timemachineMin,
		@Nullable Instant createdAt, @Nullable Instant recentPublishStartAt, @Nullable Long snapshotId,
		String channelType, @Nullable Boolean useDvr, @Nullable Long instanceNo, @Nullable String planType,
		@Nullable Integer platformCount, @Nullable Long totalPublishSeconds, @Nullable List<Target> targets,
		String payload, Set<String> fields) {

	/**
	 * A re-stream target, as stored in {@code livestation.restream_target}.
	 *
	 * @param targetName platform name ({@code UNKNOWN} when the API sent none)
	 * @param rtmpUrl relay URL without credentials (empty when the API sent none)
	 * @param payload the target as received, secrets removed (JSON, as jsonb holds it)
	 * @param fields the paths of its fields
	 */
	record Target(String targetName, String rtmpUrl, String payload, Set<String> fields) {
	}

}
