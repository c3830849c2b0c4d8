package dev.lsarchive.simulator;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The event list of one channel, or of every channel: the events that happened by the account's
 * time, within the retention window, at most the newest {@code max-events-per-list} of each
 * (rendered by {@link EventListJson}).
 */
final class EventListRenderer {

	private final SimulatorProperties properties;

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final ExtraFields extra;

	EventListRenderer(SimulatorProperties properties, SimulatedDataset dataset, AccountClock clock, ExtraFields extra) {
		this.properties = properties;
		this.dataset = dataset;
		this.clock = clock;
		this.extra = extra;
	}

	/** Answers the events of {@code channelId}, or of every channel when null. */
	void render(SimulatorExchange exchange, @Nullable String channelId) throws IOException {
		List<SimulatedChannel> channels;
		if (channelId == null) {
			channels = this.dataset.channelsAt(this.clock.now().toEpochMilli());
		}
		else {
			Optional<SimulatedChannel> channel = this.dataset.channel(channelId, this.clock.now().toEpochMilli());
			if (channel.isEmpty()) {
				exchange.liveStationError(404, 250004, "NOT_FOUND", "channel not found");
				return;
			}
			channels = List.of(channel.get());
		}
		long now = this.clock.now().toEpochMilli();
		long shownFrom = this.properties.retention().isZero() ? Long.MIN_VALUE
				: now - this.properties.retention().toMillis();
		exchange.respond((out) -> EventListJson.write(out, this.dataset, channels, shownFrom, now,
				this.properties.maxEventsPerList(), this.extra));
	}

}
