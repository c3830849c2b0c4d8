package dev.lsarchive.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedEvent;

/** Sessions computed in Java from the simulator's own events: the independent answer the SQL must match. */
record ExpectedSessions(List<Session> closed, List<String> openChannels) {

	record Session(String channelId, Instant start, Instant end) {

		long minutes() {
			return Math.round((this.end.toEpochMilli() - this.start.toEpochMilli()) / 60_000.0);
		}

	}

	static ExpectedSessions of(SimulatedDataset dataset, String startCode, String endCode) {
		List<Session> closed = new ArrayList<>();
		List<String> open = new ArrayList<>();
		for (SimulatedChannel channel : dataset.channels()) {
			Instant openedAt = null;
			for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
				SimulatedEvent event = it.next();
				if (event.eventCode().equals(startCode)) {
					openedAt = Instant.ofEpochMilli(event.timestamp());
				}
				else if (event.eventCode().equals(endCode) && openedAt != null) {
					closed.add(new Session(channel.channelId(), openedAt, Instant.ofEpochMilli(event.timestamp())));
					openedAt = null;
				}
			}
			if (openedAt != null) {
				open.add(channel.channelId());
			}
		}
		return new ExpectedSessions(closed, open);
	}

}
