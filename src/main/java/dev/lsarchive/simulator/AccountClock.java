package dev.lsarchive.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two clocks of the simulator: the gateway's, that request timestamps are checked against, and
 * the account's own time, that decides what is listed, readable and recorded (the gateway's until
 * a test or a benchmark sets it).
 */
final class AccountClock {

	private final Clock gateway;

	// null follows the gateway clock
	private final AtomicReference<Instant> accountTime = new AtomicReference<>();

	AccountClock(Clock gateway) {
		this.gateway = gateway;
	}

	/** The account's time. */
	Instant now() {
		Instant set = this.accountTime.get();
		return (set != null) ? set : this.gateway.instant();
	}

	void set(Instant instant) {
		this.accountTime.set(instant);
	}

	/** The gateway's time, epoch milliseconds. */
	long gatewayMillis() {
		return this.gateway.millis();
	}

}
