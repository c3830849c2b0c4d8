package dev.lsarchive.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The account's clock: set, or run towards an instant faster than the gateway's, then standing there. */
class AccountClockTests {

	private static final Instant START = Instant.parse("2026-12-04T01:00:00Z");

	@Test
	void runsFromWhereItStandsToAnInstantEvenlyWithinTheGivenTimeThenStandsThere() {
		// given
		SteppedClock gateway = new SteppedClock(Instant.parse("2026-12-06T13:00:00Z"));
		AccountClock clock = new AccountClock(gateway);
		clock.set(START);

		// when: two days within 30 s of the gateway's time
		clock.runTo(START.plus(Duration.ofDays(2)), Duration.ofSeconds(30));
		Instant atStart = clock.now();
		gateway.advance(Duration.ofSeconds(15));
		Instant halfway = clock.now();
		gateway.advance(Duration.ofSeconds(45));
		Instant after = clock.now();

		// then
		assertThat(atStart).isEqualTo(START);
		assertThat(halfway).isEqualTo(START.plus(Duration.ofDays(1)));
		assertThat(after).isEqualTo(START.plus(Duration.ofDays(2)));
	}

	@Test
	void standsWhereItIsSetAndFollowsTheGatewayUntilThen() {
		// given
		SteppedClock gateway = new SteppedClock(Instant.parse("2026-12-06T13:00:00Z"));
		AccountClock clock = new AccountClock(gateway);
		Instant following = clock.now();

		// when
		clock.set(START);
		gateway.advance(Duration.ofMinutes(5));

		// then
		assertThat(following).isEqualTo(Instant.parse("2026-12-06T13:00:00Z"));
		assertThat(clock.now()).isEqualTo(START);
	}

	/** A clock that moves only when told. */
	private static final class SteppedClock extends Clock {

		private Instant now;

		SteppedClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
