package dev.lsarchive.simulator;

import org.jspecify.annotations.Nullable;

/**
 * A channel of the simulated account.
 *
 * @param index position in generation order (drives every derived value)
 * @param channelId {@code ls-YYYYMMDDhhmmss-xxxxx}
 * @param channelName display name
 * @param status the channel's true status
 * @param reportedStatus the status as the API reports it ({@code PUBLISH} for some PUBLISHING channels)
 * @param createdTime creation instant, epoch milliseconds
 * @param recentPublishStartTime latest publish start, epoch milliseconds
 * @param recording whether recording is on
 * @param snapshotId snapshot id in the listing, or null
 * @param snapshotCreatedTime snapshot creation, epoch milliseconds
 * @param snapshotDuration snapshot length in minutes
 * @param streamKey the stream key: a secret the archive must never keep
 */
public record SimulatedChannel(int index, String channelId, String channelName, String status, String reportedStatus,
		long createdTime, long recentPublishStartTime, boolean recording, @Nullable Long snapshotId,
		long snapshotCreatedTime, int snapshotDuration, String streamKey) {

	/** Snapshot URLs are valid for one hour after creation. */
	public long snapshotExpireTime() {
		return this.snapshotCreatedTime + 3_600_000L;
	}

	/** The playback URL of the snapshot. */
	public String snapshotUrl() {
		return "https://sim.edge.example.com/dvr/snapshot/" + snapshotExpireTime() + "/" + this.channelId
				+ "/480p-16-9/" + this.snapshotId + "-" + this.snapshotCreatedTime + ".m3u8";
	}

	@Override
	public String toString() {
		return "SimulatedChannel[" + this.channelId + ", " + this.status + "]";
	}

}
