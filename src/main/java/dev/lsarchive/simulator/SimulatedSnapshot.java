package dev.lsarchive.simulator;

/**
 * A snapshot of a simulated channel.
 *
 * @param channelId channel that took it
 * @param snapshotId its id
 * @param createdTime creation, epoch milliseconds
 * @param durationMinutes requested length in minutes
 */
public record SimulatedSnapshot(String channelId, long snapshotId, long createdTime, int durationMinutes) {

	/** Snapshot info (and the URL) can be read for one hour after creation. */
	public static final long READABLE_MILLIS = 3_600_000L;

	/** When the info and the URL expire. */
	public long expireTime() {
		return this.createdTime + READABLE_MILLIS;
	}

	/** Whether its info can still be read at {@code nowMillis}. */
	public boolean readableAt(long nowMillis) {
		return nowMillis >= this.createdTime && nowMillis < expireTime();
	}

	/** The playback URL of the snapshot. */
	public String snapshotUrl() {
		return "https://sim.edge.example.com/dvr/snapshot/" + expireTime() + "/" + this.channelId + "/480p-16-9/"
				+ this.snapshotId + "-" + this.createdTime + ".m3u8";
	}

}
