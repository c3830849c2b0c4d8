package dev.lsarchive.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SimulatorPropertiesTests {

	@Test
	void theSettingsAndFaultsReadAsWordsNeverAsARecordNorWithTheSecretKey() {
		// given
		SimulatorProperties properties = SimulatorProperties.of(3, 5).toBuilder().secretKey("s3cr3t-key").build()
			.withFaults(SimulatorProperties.Faults.NONE.withThrottleShare(0.1)
				.withServerErrorShare(0.05)
				.withFailingChannels(List.of("ls-1")), Duration.ZERO);

		// when
		String faults = String.valueOf(properties.faults());
		String settings = String.valueOf(properties);

		// then
		assertThat(faults).isEqualTo("10% of requests answered 429 (50% of them with Retry-After),"
				+ " 5% answered 500, 503 or 504, seed 7, channels whose event list always fails: 1");
		assertThat(String.valueOf(SimulatorProperties.Faults.NONE)).isEqualTo("none");
		assertThat(settings).contains(faults).doesNotContain("s3cr3t-key").doesNotContainPattern("\\w+\\[\\w+=");
	}

	@Test
	void faultsSetOneAtATimeAreTheFaultsTheSameSettingsBind() {
		// given
		Map<String, String> settings = Map.of("simulator.faults.throttle-share", "0.1",
				"simulator.faults.retry-after-share", "0", "simulator.faults.slow-share", "0.02",
				"simulator.faults.slow-delay", "1500ms", "simulator.faults.drift-inserts", "2",
				"simulator.faults.failing-channels", "ls-1,ls-2", "simulator.faults.seed", "42");

		// when
		SimulatorProperties bound = bind(settings);
		SimulatorProperties.Faults built = SimulatorProperties.Faults.NONE.withThrottleShare(0.1)
			.withRetryAfterShare(0)
			.withSlowShare(0.02)
			.withSlowDelay(Duration.ofMillis(1500))
			.withDriftInserts(2)
			.withFailingChannels(List.of("ls-1", "ls-2"))
			.withSeed(42);

		// then: the same record, and no setting at all binds to no faults
		assertThat(bound.faults()).isEqualTo(built);
		assertThat(bind(Map.of()).faults()).isEqualTo(SimulatorProperties.Faults.NONE);
		assertThat(SimulatorProperties.Faults.NONE.withServerErrorShare(0.5).withTruncateShare(0.1)
			.withMalformedShare(0.05)).isEqualTo(bind(Map.of("simulator.faults.server-error-share", "0.5",
					"simulator.faults.truncate-share", "0.1", "simulator.faults.malformed-share", "0.05")).faults());
	}

	@Test
	void extraFieldsBindAsAListNoneByDefaultAndTheSameAsBuilt() {
		// when
		SimulatorProperties bound = bind(Map.of("simulator.extra-fields", "futureFlag,cdn.edgeRegion"));
		SimulatorProperties built = SimulatorProperties.of(20, 200).toBuilder()
			.extraFields(List.of("futureFlag", "cdn.edgeRegion"))
			.build();

		// then
		assertThat(bound.extraFields()).containsExactly("futureFlag", "cdn.edgeRegion").isEqualTo(built.extraFields());
		assertThat(bind(Map.of()).extraFields()).isEmpty();
		assertThat(bind(Map.of("simulator.extra-fields", "")).extraFields()).isEmpty();
		assertThat(SimulatorProperties.of(1, 1).extraFields()).isEmpty();
	}

	@Test
	void anExtraFieldTheSimulatorSendsAlreadyIsRefusedOneLineEach() {
		// when
		Throwable refused = catchThrowable(() -> SimulatorProperties.of(1, 1).toBuilder()
			.extraFields(List.of("futureFlag", "streamKey", "eventCode.inner"))
			.build());

		// then
		assertThat(refused).isInstanceOf(IllegalArgumentException.class);
		assertThat(refused.getMessage().lines()).hasSize(2)
			.anySatisfy((line) -> assertThat(line).contains("streamKey is a field the simulator sends already"))
			.anySatisfy((line) -> assertThat(line).contains("eventCode.inner lies inside eventCode"));
	}

	private static SimulatorProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("simulator",
				SimulatorProperties.class);
	}

}
