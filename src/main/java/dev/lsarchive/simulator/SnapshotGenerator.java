package dev.lsarchive.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The snapshots of the channels: a publishing channel takes one every
 * {@link SimulatedDataset#SNAPSHOT_INTERVAL}, from a day before the anchor on; another channel with a
 * snapshot has one old one. Computed from the channel and the instant, never stored.
 */
final class SnapshotGenerator {

	// snapshot ids of a publishing channel: its base id times this, plus the number of the snapshot
	private static final long SNAPSHOT_ID_SCALE = 100_000L;

	private static final long INTERVAL = SimulatedDataset.SNAPSHOT_INTERVAL.toMillis();

	private final long anchorMillis;

	SnapshotGenerator(Instant anchor) {
		this.anchorMillis = anchor.toEpochMilli();
	}

	@Nullable SimulatedSnapshot snapshotAt(SimulatedChannel channel, long nowMillis) {
		if (channel.snapshotId() == null) {
			return null;
		}
		long number = channel.takesSnapshots() ? snapshotNumber(channel, nowMillis) : -1;
		return (number < 0) ? oldSnapshot(channel) : periodicSnapshot(channel, number);
	}

	List<SimulatedSnapshot> snapshotsTaken(SimulatedChannel channel, long fromMillis, long toMillis) {
		List<SimulatedSnapshot> taken = new ArrayList<>();
		if (!channel.takesSnapshots()) {
			return taken;
		}
		for (long n = Math.max(0, snapshotNumber(channel, fromMillis)); n <= snapshotNumber(channel, toMillis); n++) {
			SimulatedSnapshot snapshot = periodicSnapshot(channel, n);
			if (snapshot.createdTime() >= fromMillis) {
				taken.add(snapshot);
			}
		}
		return taken;
	}

	Optional<SimulatedSnapshot> snapshot(SimulatedChannel channel, long snapshotId, long nowMillis) {
		if (channel.snapshotId() == null) {
			return Optional.empty();
		}
		if (snapshotId == channel.snapshotId()) {
			return Optional.of(oldSnapshot(channel));
		}
		long number = snapshotId - channel.snapshotId() * SNAPSHOT_ID_SCALE;
		if (!channel.takesSnapshots() || number < 0 || number >= SNAPSHOT_ID_SCALE
				|| number > snapshotNumber(channel, nowMillis)) {
			return Optional.empty();
		}
		return Optional.of(periodicSnapshot(channel, number));
	}

	private static SimulatedSnapshot oldSnapshot(SimulatedChannel channel) {
		return new SimulatedSnapshot(channel.channelId(), channel.snapshotId(), channel.snapshotCreatedTime(),
				channel.snapshotDuration());
	}

	private SimulatedSnapshot periodicSnapshot(SimulatedChannel channel, long number) {
		return new SimulatedSnapshot(channel.channelId(), channel.snapshotId() * SNAPSHOT_ID_SCALE + number,
				snapshotBase(channel) + number * INTERVAL, 1 + (int) ((channel.index() + number) % 240));
	}

	// a publishing channel has taken snapshots since a day before the anchor, each channel at its own minute
	private long snapshotBase(SimulatedChannel channel) {
		return this.anchorMillis - 86_400_000L + (channel.index() * 7L * 60_000L) % INTERVAL;
	}

	private long snapshotNumber(SimulatedChannel channel, long nowMillis) {
		long since = nowMillis - snapshotBase(channel);
		return (since < 0) ? -1 : since / INTERVAL;
	}

}
