package dev.lsarchive.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class QuarantineThresholdTests {

	@Test
	void passesAtOrBelowTheRatio() {
		assertThatNoException().isThrownBy(() -> new QuarantineThreshold(0.05).check(100, 5));
		assertThatNoException().isThrownBy(() -> new QuarantineThreshold(0).check(0, 0));
	}

	@Test
	void failsAboveTheRatioNamingTheSetting() {
		assertThatIllegalStateException().isThrownBy(() -> new QuarantineThreshold(0.05).check(100, 6))
			.withMessageContaining("6 of 100")
			.withMessageContaining("archive.max-quarantine-ratio=0.05");
	}

}
