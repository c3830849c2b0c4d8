package dev.lsarchive;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.ChannelPage;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.job.ExitCodes;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rowsIn;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run as a process: the demo, exit codes a scheduler sees, the standalone simulator. */
class ApplicationIntegrationTests {

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void theDemoArchivesEndToEndAndEndsWithASummaryAndAQuery() throws Exception {
		// when
		PackagedJar.Result result = PackagedJar.run("--spring.profiles.active=demo");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(result.output()).contains("COMPLETED", "resource", "events", "How many PUBLISH_START events");
		assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(20 * 200);
	}

	@Test
	void aMissingKeyStopsBeforeAnyWorkNamingTheProperty() throws Exception {
		// when
		PackagedJar.Result result = PackagedJar.run("--livestation.api.secret-key=only-the-secret");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(result.output()).contains("livestation.api.access-key is not set")
			.contains("--livestation.api.access-key=", "LIVESTATION_API_ACCESSKEY")
			.doesNotContain("only-the-secret", "APPLICATION FAILED TO START", "\tat ", "Exception");
		assertThat(result.output().lines().filter((line) -> line.contains("WARN") || line.contains("ERROR"))).isEmpty();
		assertThat(rowsIn("livestation.archive_run")).isZero();
	}

	@Test
	void helpAndVersionAnswerWithoutStartingAnything() throws Exception {
		// when: against a database that does not exist, so that any use of it would fail
		PackagedJar.Result help = PackagedJar.run("--help", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none");
		PackagedJar.Result version = PackagedJar.run("--version");

		// then
		assertThat(help.exitCode()).as(help.output()).isZero();
		assertThat(help.output()).startsWith("livestation-archive ").contains("Usage:", "--archive.run-date=",
				"--archive.catch-up-from=", "--archive.rerun=true", "--archive.job=snapshot-capture",
				"--spring.profiles.active=health", "--spring.profiles.active=demo", "--spring.profiles.active=simulator",
				"--spring.profiles.active=bench", "LIVESTATION_API_ACCESSKEY", "ARCHIVE_JDBC_URL", "Exit codes", "75");
		assertThat(version.exitCode()).isZero();
		assertThat(version.output().trim()).matches("livestation-archive \\d+\\.\\d+\\.\\d+\\S*");
		assertThat(rowsIn("livestation.archive_run")).isZero();
	}

	@Test
	void aNonsenseSettingStopsTheJobWithExitCodeTwoNamingIt() throws Exception {
		// when (every other nonsense setting is checked without a process: SettingsValidationTests)
		PackagedJar.Result badDate = PackagedJar.run("--spring.profiles.active=demo", "--archive.run-date=2026-13-45");

		// then
		assertThat(badDate.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(badDate.output()).contains("archive.run-date=2026-13-45 is not valid", "ARCHIVE_RUNDATE")
			.doesNotContain("APPLICATION FAILED TO START", "\tat ");
		assertThat(rowsIn("livestation.archive_run")).isZero();
	}

	@Test
	void theSimulatorServesStandaloneUntilStopped() throws Exception {
		// given
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process simulator = PackagedJar.start("--spring.profiles.active=simulator", "--simulator.port=" + port,
				"--simulator.access-key=standalone-key", "--simulator.secret-key=standalone-secret",
				"--simulator.channels=5");
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
			for (String line = output.readLine(); line != null && !line.contains("Simulator serving");
					line = output.readLine()) {
				// wait for the announcement
			}
			LiveStationClient client = new LiveStationClient(new LiveStationProperties(
					URI.create("http://127.0.0.1:" + port), "standalone-key", "standalone-secret", "KR",
					Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 3, Duration.ofMillis(10),
					Duration.ofMillis(100), 100, true), new ApiCallStats());

			// when
			ChannelPage page = client.channelPage(1, 100);

			// then
			assertThat(page.total()).isEqualTo(5);
			assertThat(simulator.isAlive()).isTrue();
		}
		finally {
			simulator.destroy();
		}
		assertThat(simulator.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
	}

}
