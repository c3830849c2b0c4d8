package dev.lsarchive.drill;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.contentChecksum;
import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** API faults injected by the simulator, through the whole job: nothing lost, nothing written twice. */
class FaultDrillIntegrationTests {

	private static final SimulatorProperties DATA = SimulatorProperties.of(30, 400);

	private static final String RUN_DATE = "2026-11-20";

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void throttlingServerErrorsCutOffAndSlowAnswersChangeNothingInTheArchive() {
		// given: the fault-free archive of an account that takes about 150 requests
		SimulatorProperties data = SimulatorProperties.of(90, 100);
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			ArchiveRun.completes(simulator, RUN_DATE, "--archive.page-size=3");
		}
		String faultFree = contentChecksum();
		TestDatabase.get().reset();

		// when: 10% 429 (half with Retry-After), 5% 500/503/504, 2% cut off mid-body, 2% slower than the timeout
		SimulatorProperties.Faults faults = SimulatorProperties.Faults.NONE.withThrottleShare(0.10)
			.withServerErrorShare(0.05)
			.withTruncateShare(0.02)
			.withSlowShare(0.02)
			.withSlowDelay(Duration.ofMillis(1500))
			.withSeed(42);
		long injected;
		int exitCode;
		try (LiveStationSimulator simulator = Simulators.start(data.withFaults(faults, Duration.ZERO))) {
			exitCode = ArchiveRun.run(simulator, RUN_DATE, "--archive.page-size=3", "--livestation.api.max-attempts=12",
					"--livestation.api.read-timeout=700ms", "--livestation.api.stream-timeout=700ms",
					"--livestation.api.max-backoff=1s");
			injected = simulator.faultsInjected();
		}

		// then
		assertThat(injected).isGreaterThan(15);
		assertThat(exitCode).isZero();
		assertThat(contentChecksum()).isEqualTo(faultFree);
		assertThat((long) rows("SELECT api_retries FROM livestation.archive_run").get(0).get("api_retries"))
			.isGreaterThanOrEqualTo(injected);
	}

	@Test
	void aChannelThatAlwaysFailsFailsTheRunNamingItWhileEveryOtherChannelIsCommitted() {
		// given
		String failing;
		try (LiveStationSimulator probe = Simulators.start(DATA)) {
			failing = probe.dataset().channels().get(7).channelId();
		}
		SimulatorProperties.Faults broken = SimulatorProperties.Faults.failingChannels(failing);

		// when
		int failed;
		try (LiveStationSimulator simulator = Simulators.start(DATA.withFaults(broken, Duration.ZERO))) {
			failed = ArchiveRun.run(simulator, RUN_DATE, "--livestation.api.max-attempts=3",
					"--archive.event-partitions=30");
		}
		long others = count("SELECT count(*) FROM livestation.channel_event");
		String reason = (String) rows("SELECT exit_message FROM livestation.archive_run").get(0).get("exit_message");
		int resumed;
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			resumed = ArchiveRun.run(simulator, RUN_DATE, "--archive.event-partitions=30");
		}

		// then
		assertThat(failed).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
		assertThat(reason).contains(failing).contains("HTTP 500");
		assertThat(others).isEqualTo(29 * 400);
		assertThat(resumed).isZero();
		assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(30 * 400);
	}

	@Test
	void wrongKeysOrASkewedClockFailFastNamingTheCauseAndWriteNothing() {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// when
			int wrongSecret = ArchiveRun.runWithKeys(simulator, simulator.accessKey(), "wrong-secret", RUN_DATE);
			String secretReason = lastReason();
			int wrongAccessKey = ArchiveRun.runWithKeys(simulator, "wrong-access-key", simulator.secretKey(), RUN_DATE);
			String accessReason = lastReason();
			int skewed = ArchiveRun.runWithClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)), simulator,
					simulator.accessKey(), simulator.secretKey(), RUN_DATE);
			String skewReason = lastReason();

			// then
			assertThat(List.of(wrongSecret, wrongAccessKey, skewed)).as("no relaunch fixes refused credentials")
				.containsOnly(ExitCodes.INVALID_CONFIGURATION);
			assertThat(List.of(secretReason, accessReason, skewReason)).allMatch((reason) -> reason.startsWith("credentials refused"));
			assertThat(secretReason).contains("HTTP 401").contains("livestation.api.secret-key");
			assertThat(accessReason).contains("HTTP 401").contains("livestation.api.access-key");
			assertThat(skewReason).contains("clock is 6 minutes off");
			assertThat(simulator.authFailures()).as("each failed at its first request").isEqualTo(3);
			assertThat(count("SELECT count(*) FROM livestation.channel")).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event")).isZero();
		}
	}

	private static String lastReason() {
		return (String) rows("SELECT exit_message FROM livestation.archive_run ORDER BY job_execution_id DESC").get(0)
			.get("exit_message");
	}

}
