package dev.lsarchive.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A channel of the simulated account.
 *
 * @param index position in generation order (drives every derived value)
 * @param kind {@code LIVE}, {@code RE_STREAM} or {@code VOD2LIVE}: which listing shows it
 * @param channelId {@code ls-YYYYMMDDhhmmss-xxxxx}
 * @param channelName display name
 * @param status the channel's true status
 * @param reportedStatus the status as the API reports it ({@code PUBLISH} for some PUBLISHING channels)
 * @param createdTime creation instant, epoch milliseconds
 * @param recentPublishStartTime latest publish start, epoch milliseconds
 * @param recording whether recording is on
 * @param snapshotId id of the channel's one old snapshot, or null when the channel takes none; a
 * publishing channel takes a new snapshot every {@link SimulatedDataset#SNAPSHOT_INTERVAL} instead
 * (see {@link SimulatedDataset#snapshotAt})
 * @param snapshotCreatedTime creation of the old snapshot, epoch milliseconds
 * @param snapshotDuration snapshot length in minutes
 * @param streamKey the stream key: a secret the archive must never keep
 * @param targets re-stream targets (re-stream channels only), secrets included
 */
public record SimulatedChannel(int index, String kind, String channelId, String channelName, String status,
		String reportedStatus, long createdTime, long recentPublishStartTime, boolean recording,
		@Nullable Long snapshotId, long snapshotCreatedTime, int snapshotDuration, String streamKey,
		List<Target> targets) {

	/** Whether the channel takes a snapshot every interval (it is publishing), rather than having one old one. */
	public boolean takesSnapshots() {
		return this.snapshotId != null && "PUBLISHING".equals(this.status);
	}

	@Override
	public String toString() {
		return "SimulatedChannel[" + this.channelId + ", " + this.kind + ", " + this.status + "]";
	}

	/**
	 * A re-stream target as the channel info shows it.
	 *
	 * @param targetName platform ({@code YOUTUBE}, {@code CHZZK}, …, {@code CUSTOM})
	 * @param rtmpUrl where the stream is sent, without its key
	 * @param streamKey the platform's stream key: a secret
	 * @param id RTMP authentication id: a secret
	 * @param password RTMP authentication password: a secret
	 */
	public record Target(String targetName, String rtmpUrl, String streamKey, String id, String password) {
	}

}
