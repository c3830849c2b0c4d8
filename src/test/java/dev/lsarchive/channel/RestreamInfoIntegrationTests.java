package dev.lsarchive.channel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.RequestHold;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The info of the re-stream channels (their targets) is asked several at a time, ahead of the channel
 * being written, and each channel still gets its own targets.
 */
class RestreamInfoIntegrationTests {

	private static final String INFO = ApiPath.RE_STREAM_CHANNEL.template().replace("{channelId}", "");

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void theInfoOfTheNextReStreamChannelIsAskedWhileTheFirstIsAwaited() throws Exception {
		// given: the first and the second info request held at the simulator
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(40, 5));
				RequestHold first = simulator.hold(INFO, 1);
				RequestHold second = simulator.hold(INFO, 2)) {
			assertThat(simulator.dataset().channels("RE_STREAM")).hasSizeGreaterThan(4);

			// when
			CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> ArchiveRun.run(simulator, "2026-11-20"));

			// then: both arrive while neither has been answered, and the run ends with every channel's own targets
			assertThat(first.awaitArrival(Duration.ofSeconds(60))).isTrue();
			assertThat(second.awaitArrival(Duration.ofSeconds(60))).as("a second info request while the first waits")
				.isTrue();
			first.close();
			second.close();
			assertThat(run.get()).isZero();
			for (var channel : simulator.dataset().channels("RE_STREAM")) {
				assertThat(rows("SELECT target_name, rtmp_url FROM livestation.restream_target"
						+ " WHERE channel_id = ? AND removed_at IS NULL", channel.channelId()))
					.as(channel.channelId())
					.map((row) -> row.get("target_name") + " " + row.get("rtmp_url"))
					.containsExactlyInAnyOrderElementsOf(channel.targets().stream()
						.map((target) -> target.targetName() + " " + target.rtmpUrl())
						.distinct()
						.toList());
			}
		}
	}

}
