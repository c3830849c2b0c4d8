package dev.lsarchive.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorPropertiesTests {

	@Test
	void theSettingsAndFaultsReadAsWordsNeverAsARecordNorWithTheSecretKey() {
		// given
		SimulatorProperties properties = SimulatorProperties.of(3, 5).toBuilder().secretKey("s3cr3t-key").build()
			.withFaults(new SimulatorProperties.Faults(0.1, 0.5, 0.05, 0, 0, 0, Duration.ofSeconds(2), 0,
					List.of("ls-1"), 7), Duration.ZERO);

		// when
		String faults = String.valueOf(properties.faults());
		String settings = String.valueOf(properties);

		// then
		assertThat(faults).isEqualTo("10% of requests answered 429 (50% of them with Retry-After),"
				+ " 5% answered 500, 503 or 504, seed 7, channels whose event list always fails: 1");
		assertThat(String.valueOf(SimulatorProperties.Faults.NONE)).isEqualTo("none");
		assertThat(settings).contains(faults).doesNotContain("s3cr3t-key").doesNotContainPattern("\\w+\\[\\w+=");
	}

}
