package dev.lsarchive.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;

/**
 * Nights of a simulated account, one after another: the simulator and the job's clock both set to two
 * hours into each day after the account's history, the run date that day's.
 */
public final class AccountNights {

	private AccountNights() {
	}

	/** A simulator that accepts signatures made at the account's time (the job's clock follows it). */
	public static LiveStationSimulator start(SimulatorProperties properties) {
		LiveStationSimulator simulator = Simulators.start(properties);
		simulator.acceptAccountClockSignatures();
		return simulator;
	}

	/** The instant of night {@code night}: two hours into that day after the account's history. */
	public static Instant at(LiveStationSimulator simulator, int night) {
		return simulator.dataset().liveFrom().plus(Duration.ofDays(night)).plus(Duration.ofHours(2));
	}

	/** Runs night {@code night} (1 to 9) for run date 2026-12-0{@code night}; returns the exit code. */
	public static int night(LiveStationSimulator simulator, int night, String... args) {
		return nightAs(simulator, night, "2026-12-0" + night, args);
	}

	/** Runs night {@code night} for {@code runDate}; returns the exit code. */
	public static int nightAs(LiveStationSimulator simulator, int night, String runDate, String... args) {
		Instant at = at(simulator, night);
		simulator.setTime(at);
		return ArchiveRun.runWithClock(Clock.fixed(at, ZoneOffset.UTC), simulator, simulator.accessKey(),
				simulator.secretKey(), runDate, args);
	}

}
