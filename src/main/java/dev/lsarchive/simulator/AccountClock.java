package dev.lsarchive.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two clocks of the simulator: the gateway's, that request timestamps are checked against, and
 * the account's own time, that decides what is listed, readable, recorded and pushed (the gateway's
 * until a test or a benchmark sets it, or a demo runs it faster than real time towards an instant).
 */
final class AccountClock {

	private final Clock gateway;

	// null follows the gateway clock
	private final AtomicReference<Course> accountTime = new AtomicReference<>();

	AccountClock(Clock gateway) {
		this.gateway = gateway;
	}

	/** The account's time. */
	Instant now() {
		Course course = this.accountTime.get();
		return (course != null) ? course.at(this.gateway.millis()) : this.gateway.instant();
	}

	/** Stops the account's time at {@code instant}. */
	void set(Instant instant) {
		this.accountTime.set(new Course(instant, 0, 0, instant));
	}

	/**
	 * Runs the account's time from where it is now to {@code until} within {@code over} of the gateway's
	 * time, evenly, then stops it there.
	 */
	void runTo(Instant until, Duration over) {
		Instant from = now();
		long span = Math.max(0, until.toEpochMilli() - from.toEpochMilli());
		double rate = (double) span / Math.max(1, over.toMillis());
		this.accountTime.set(new Course(from, this.gateway.millis(), rate, until.isAfter(from) ? until : from));
	}

	/** The gateway's time, epoch milliseconds. */
	long gatewayMillis() {
		return this.gateway.millis();
	}

	/** The account's time: {@code from} at the gateway's {@code startedAt}, moving {@code rate} times as fast, up to {@code until}. */
	private record Course(Instant from, long startedAt, double rate, Instant until) {

		Instant at(long gatewayMillis) {
			if (this.rate == 0) {
				return this.from;
			}
			Instant at = this.from.plusMillis((long) (Math.max(0, gatewayMillis - this.startedAt) * this.rate));
			return at.isAfter(this.until) ? this.until : at;
		}

	}

}
