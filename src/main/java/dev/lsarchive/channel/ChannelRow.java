package dev.lsarchive.channel;

import java.time.Instant;

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
 */
record ChannelRow(String channelId, @Nullable String channelName, String channelStatus,
		@Nullable String channelStatusRaw, boolean statusKnown, @Nullable String qualitySetName,
		@Nullable String outputProtocol, @Nullable Boolean recording, @Nullable Integer timemachineMin,
		@Nullable Instant createdAt, @Nullable Instant recentPublishStartAt, @Nullable Long snapshotId) {
}
