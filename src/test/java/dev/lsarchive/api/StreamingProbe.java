package dev.lsarchive.api;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.Simulators;

/** Streams one channel's events from an in-process simulator and prints how many arrived, in order. */
public final class StreamingProbe {

	private StreamingProbe() {
	}

	public static void main(String[] args) {
		int events = Integer.parseInt(args[0]);
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, events))) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			SimulatedChannel channel = simulator.dataset().channels().get(0);
			long count = 0;
			long previous = Long.MIN_VALUE;
			boolean ordered = true;
			try (EventStream stream = client.events(channel.channelId())) {
				for (EventDto event = stream.next(); event != null; event = stream.next()) {
					long timestamp = Long.parseLong(event.timestamp());
					ordered &= timestamp > previous;
					previous = timestamp;
					count++;
				}
			}
			System.out.println("events=" + count + " ordered=" + ordered + " heapMax="
					+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + "MB");
		}
	}

}
