package dev.lsarchive.normalize;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EpochTimeTests {

	private final EpochTime epochTime = new EpochTime(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void readsMilliseconds() {
		// when
		EpochTime.Parsed parsed = this.epochTime.parse("1585572599000", "timestamp");

		// then
		assertThat(parsed.instant()).isEqualTo(Instant.ofEpochMilli(1585572599000L));
		assertThat(parsed.scaled()).isFalse();
	}

	@Test
	void scalesAValueThatCanOnlyBeSecondsAndFlagsIt() {
		// when
		EpochTime.Parsed parsed = this.epochTime.parse("1585572599", "timestamp");

		// then
		assertThat(parsed.instant()).isEqualTo(Instant.ofEpochSecond(1585572599L));
		assertThat(parsed.scaled()).isTrue();
	}

	@Test
	void acceptsAnIntegralDecimal() {
		assertThat(this.epochTime.parse("1585572599000.0", "timestamp").instant())
			.isEqualTo(Instant.ofEpochMilli(1585572599000L));
	}

	@Test
	void refusesMissingTextNegativeAncientAndFutureValues() {
		assertThat(this.epochTime.parse(null, "timestamp").error()).isEqualTo("missing timestamp");
		assertThat(this.epochTime.parse(" ", "timestamp").error()).isEqualTo("missing timestamp");
		assertThat(this.epochTime.parse("yesterday", "timestamp").error()).contains("not an integer");
		assertThat(this.epochTime.parse("1.5", "timestamp").error()).contains("not an integer");
		assertThat(this.epochTime.parse("-1585572599000", "timestamp").error()).contains("outside");
		assertThat(this.epochTime.parse("631152000000", "timestamp").error()).as("1990").contains("outside");
		assertThat(this.epochTime.parse("1795000000000", "timestamp").error()).as("2026-11-18 + years").isNull();
		assertThat(this.epochTime.parse("1900000000000", "timestamp").error()).as("2030").contains("outside");
		assertThat(this.epochTime.parse("99999999999999999999999", "timestamp").error()).contains("not an integer");
	}

	@Test
	void acceptsUpToOneDayAhead() {
		assertThat(this.epochTime.parse(Long.toString(Instant.parse("2026-11-21T23:00:00Z").toEpochMilli()), "t")
			.valid()).isTrue();
		assertThat(this.epochTime.parse(Long.toString(Instant.parse("2026-11-22T01:00:00Z").toEpochMilli()), "t")
			.valid()).isFalse();
	}

}
