package dev.lsarchive.simulator;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** One snapshot's info, readable for an hour after it was taken; NOT_FOUND after that, as for one never taken. */
final class SnapshotRenderer {

	private final SimulatedDataset dataset;

	private static final List<String> SNAPSHOT = List.of("snapshot");

	private final AccountClock clock;

	private final ExtraFields extra;

	SnapshotRenderer(SimulatedDataset dataset, AccountClock clock, ExtraFields extra) {
		this.dataset = dataset;
		this.clock = clock;
		this.extra = extra;
	}

	/** Answers the info of snapshot {@code snapshotId} of {@code channelId}. */
	void render(SimulatorExchange exchange, String channelId, String snapshotId) throws IOException {
		long now = this.clock.now().toEpochMilli();
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, now);
		Optional<SimulatedSnapshot> found = Optional.empty();
		if (channel.isPresent() && snapshotId.matches("[0-9]{1,18}")) {
			found = this.dataset.snapshot(channel.get(), Long.parseLong(snapshotId), now)
				.filter((s) -> s.readableAt(now));
		}
		if (found.isEmpty()) {
			// the documented answer once the hour is over, and for a snapshot that never existed
			exchange.liveStationError(404, 250004, "NOT_FOUND", "snapshot not found");
			return;
		}
		SimulatedChannel c = channel.get();
		SimulatedSnapshot snapshot = found.get();
		exchange.respondJson((out) -> {
			out.writeStartObject();
			out.writeObjectPropertyStart("content");
			out.writeStringProperty("channelId", c.channelId());
			out.writeStringProperty("channelStatus", this.dataset.reportedStatusAt(c, now));
			out.writeObjectPropertyStart("snapshot");
			out.writeNumberProperty("snapshotId", snapshot.snapshotId());
			out.writeStringProperty("snapshotUrl", snapshot.snapshotUrl());
			out.writeNumberProperty("createdTime", snapshot.createdTime());
			out.writeNumberProperty("expireTime", snapshot.expireTime());
			out.writeNumberProperty("duration", snapshot.durationMinutes());
			this.extra.write(out, "snapshot", List.of());
			out.writeEndObject();
			this.extra.write(out, "", SNAPSHOT);
			out.writeEndObject();
			out.writeEndObject();
		});
	}

}
