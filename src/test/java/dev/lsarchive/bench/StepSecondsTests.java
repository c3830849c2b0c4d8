package dev.lsarchive.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepSecondsTests {

	@Test
	void theBenchLineCarriesEveryStepInOrderWithoutSpaces() {
		// given
		List<StepSeconds> steps = List.of(new StepSeconds("channels", 1.204), new StepSeconds("events", 12.7),
				new StepSeconds("reportingRefresh", 5.795));

		// when
		String field = StepSeconds.field(steps);

		// then: one key=value token of the BENCH line, which is split on spaces
		assertThat(field).isEqualTo("channels:1.20,events:12.70,reportingRefresh:5.80").doesNotContain(" ");
	}

	@Test
	void theFiguresPrintTheStepsAsBefore() {
		// when
		String described = StepSeconds.describe(List.of(new StepSeconds("channels", 1.2), new StepSeconds("events", 2)));

		// then
		assertThat(described).isEqualTo("channels 1.20 s; events 2.00 s; ");
	}

	@Test
	void aRunWithoutStepsIsStillOneToken() {
		// then
		assertThat(StepSeconds.field(List.of())).isEqualTo("none");
	}

	@Test
	void startUpAddsTheJvmsStartToTheJobsWayToItsFirstRequest() {
		// given: the JVM began 0.8 s before the benchmark; the job's first request came 1.25 s after its launch
		StartUp startUp = new StartUp(10_000, 10_800, 5_000_000_000L, 6_250_000_000L);

		// then: the benchmark's own work between the two is not counted
		assertThat(startUp.seconds()).isEqualTo(2.05, org.assertj.core.api.Assertions.within(1e-9));
	}

}
