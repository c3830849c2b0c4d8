package dev.lsarchive.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void readsSecondsAndHttpDatesAgainstTheInjectedClock() {
		assertThat(RetryPolicy.retryAfter("7", this.clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryPolicy.retryAfter("Wed, 25 Nov 2026 10:00:30 GMT", this.clock))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryPolicy.retryAfter("Wed, 25 Nov 2026 09:59:00 GMT", this.clock)).isEqualTo(Duration.ZERO);
		assertThat(RetryPolicy.retryAfter("soon", this.clock)).isNull();
		assertThat(RetryPolicy.retryAfter(null, this.clock)).isNull();
	}

}
