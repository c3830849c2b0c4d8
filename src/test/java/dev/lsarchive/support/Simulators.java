package dev.lsarchive.support;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatorProperties;

/** Simulators for tests, all anchored at the same instant so that two of them serve identical data. */
public final class Simulators {

	/** One anchor for the whole test JVM. */
	public static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.DAYS);

	private Simulators() {
	}

	/** A simulator serving {@code properties}' data. */
	public static LiveStationSimulator start(SimulatorProperties properties) {
		return new LiveStationSimulator(properties, new SimulatedDataset(properties, ANCHOR), Clock.systemUTC());
	}

	/**
	 * What an archive of a simulator's current data must hold.
	 *
	 * @param channels channels listed
	 * @param events events that must land in channel_event
	 * @param badEvents events that must land in quarantine
	 * @param scaledEvents events whose timestamps arrive in seconds
	 * @param snapshots channels with a snapshot id
	 */
	public record Expected(long channels, long events, long badEvents, long scaledEvents, long snapshots) {

		public static Expected of(SimulatedDataset dataset) {
			long events = 0;
			long bad = 0;
			long scaled = 0;
			long snapshots = 0;
			for (SimulatedChannel channel : dataset.channels()) {
				if (channel.snapshotId() != null) {
					snapshots++;
				}
				for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
					SimulatedEvent event = it.next();
					switch (event.form()) {
						case BAD -> bad++;
						case SECONDS -> {
							scaled++;
							events++;
						}
						default -> events++;
					}
				}
			}
			return new Expected(dataset.channels().size(), events, bad, scaled, snapshots);
		}

	}

}
