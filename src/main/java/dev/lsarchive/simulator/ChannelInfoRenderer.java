package dev.lsarchive.simulator;

import java.io.IOException;
import java.util.Optional;

/**
 * One channel's info: a live or VOD2LIVE channel under its path, a re-stream channel (with its
 * targets) under its own.
 */
final class ChannelInfoRenderer {

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final ChannelJson channelJson;

	ChannelInfoRenderer(SimulatedDataset dataset, AccountClock clock, ExtraFields extra) {
		this.dataset = dataset;
		this.clock = clock;
		this.channelJson = new ChannelJson(dataset, extra);
	}

	/** Answers the info of {@code channelId}; {@code restream}: asked under the re-stream path. */
	void render(SimulatorExchange exchange, String channelId, boolean restream) throws IOException {
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, this.clock.now().toEpochMilli())
			.filter((c) -> restream == "RE_STREAM".equals(c.kind()));
		if (channel.isEmpty()) {
			exchange.liveStationError(404, 250004, "NOT_FOUND", "channel not found");
			return;
		}
		exchange.respondJson((out) -> {
			out.writeStartObject();
			out.writeName("content");
			this.channelJson.write(out, channel.get(), this.clock.now().toEpochMilli(), true);
			out.writeEndObject();
		});
	}

}
