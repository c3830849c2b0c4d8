package dev.lsarchive.batch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTests {

	@Test
	void saysRecordsInTheirUnitRateShareOfChannelsAndTimeLeft() {
		// when: 120,000 events in 30 s, 25 of 100 channels done
		String line = ProgressLine.of("events", "events", 120_000, 30, 25, 100);

		// then: three quarters left at the same pace take 90 s
		assertThat(line).isEqualTo("events  120,000 events  4,000/s  25% of channels  ~1:30 left");
	}

	@Test
	void withoutChannelsToCountThereIsNoShareAndWhenDoneNoEstimate() {
		assertThat(ProgressLine.of("channels", "channels", 500, 2, 0, 0)).isEqualTo("channels  500 channels  250/s");
		assertThat(ProgressLine.of("events", "events", 10, 1, 8, 8)).isEqualTo("events  10 events  10/s  100% of channels");
	}

}
