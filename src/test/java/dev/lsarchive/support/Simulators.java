package dev.lsarchive.support;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatedSnapshot;
import dev.lsarchive.simulator.SimulatorProperties;

/** Simulators for tests, all anchored at the same instant so that two of them serve identical data. */
public final class Simulators {

	/** One anchor for the whole test JVM. */
	public static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.DAYS);

	/** The account's time a test runs at unless it moves it: the night after the anchor, 01:00 UTC. */
	public static final Instant NIGHT = ANCHOR.plus(1, ChronoUnit.HOURS);

	private Simulators() {
	}

	/** A simulator serving {@code properties}' data, its account's time stopped at {@link #NIGHT}. */
	public static LiveStationSimulator start(SimulatorProperties properties) {
		LiveStationSimulator simulator = new LiveStationSimulator(properties, new SimulatedDataset(properties, ANCHOR),
				Clock.systemUTC());
		simulator.setTime(NIGHT);
		return simulator;
	}

	/**
	 * What an archive of a simulator's current data must hold.
	 *
	 * @param channels channels listed
	 * @param events events that must land in channel_event
	 * @param badEvents events that must land in quarantine
	 * @param scaledEvents events whose timestamps arrive in seconds
	 * @param snapshots channels whose listing carries a snapshot id
	 * @param readableSnapshots of those, snapshots whose info can still be read at {@link #NIGHT}
	 */
	public record Expected(long channels, long events, long badEvents, long scaledEvents, long snapshots,
			long readableSnapshots) {

		/** What an archive run at {@link #NIGHT} must hold. */
		public static Expected of(SimulatedDataset dataset) {
			long events = 0;
			long bad = 0;
			long scaled = 0;
			long snapshots = 0;
			long readable = 0;
			for (SimulatedChannel channel : dataset.channels()) {
				SimulatedSnapshot snapshot = dataset.snapshotAt(channel, NIGHT.toEpochMilli());
				if (snapshot != null) {
					snapshots++;
					readable += snapshot.readableAt(NIGHT.toEpochMilli()) ? 1 : 0;
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
			return new Expected(dataset.channels().size(), events, bad, scaled, snapshots, readable);
		}

	}

}
