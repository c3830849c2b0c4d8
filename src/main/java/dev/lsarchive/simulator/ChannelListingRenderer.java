package dev.lsarchive.simulator;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page of a channel listing ({@code pageNo}, {@code pageSizeNo}, filtered by {@code channelStatus}
 * and {@code channelName}), with the channels drift creates while the listing is paged.
 */
final class ChannelListingRenderer {

	private static final Logger log = LoggerFactory.getLogger(ChannelListingRenderer.class);

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final FaultInjector faults;

	private final ChannelJson channelJson;

	ChannelListingRenderer(SimulatedDataset dataset, AccountClock clock, FaultInjector faults, ExtraFields extra) {
		this.dataset = dataset;
		this.clock = clock;
		this.faults = faults;
		this.channelJson = new ChannelJson(dataset, extra);
	}

	/** Answers a listing of the channels of {@code kind}. */
	void render(SimulatorExchange exchange, String kind) throws IOException {
		int pageNo = parseInt(exchange.query().get("pageNo"), 1);
		int pageSize = parseInt(exchange.query().get("pageSizeNo"), 10);
		if (pageNo < 1 || pageSize < 1 || pageSize > 100) {
			exchange.liveStationError(400, 250010, "POLICY_CHECK_FAILED", "pageNo >= 1 and 1 <= pageSizeNo <= 100");
			return;
		}
		if (pageNo > 1 && this.faults.drift()) {
			SimulatedChannel created = this.dataset.createChannelAtHead(kind);
			log.info("Simulated drift: channel {} created while the list is being paged", created.channelId());
		}
		long now = this.clock.now().toEpochMilli();
		List<SimulatedChannel> channels = this.dataset.channels(kind, now);
		String status = exchange.query().get("channelStatus");
		String name = exchange.query().get("channelName");
		List<SimulatedChannel> matching = channels.stream()
			.filter((c) -> status == null || this.dataset.statusAt(c, now).equals(status))
			.filter((c) -> name == null || c.channelName().contains(name))
			.toList();
		int from = (int) Math.min((long) (pageNo - 1) * pageSize, matching.size());
		int to = Math.min(from + pageSize, matching.size());
		exchange.respondJson((out) -> {
			out.writeStartObject();
			out.writeArrayPropertyStart("content");
			for (SimulatedChannel channel : matching.subList(from, to)) {
				this.channelJson.write(out, channel, now, false);
			}
			out.writeEndArray();
			out.writeNumberProperty("total", matching.size());
			out.writeEndObject();
		});
	}

	// -1 (refused) for a value that is not a number
	private static int parseInt(@Nullable String value, int fallback) {
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
