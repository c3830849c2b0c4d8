package dev.lsarchive;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.ChannelPage;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ApiSettings;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
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
		// shaped like a real account: short sessions, open ones on the publishing channels only
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE duration_minutes NOT BETWEEN 20 AND 360"))
			.isZero();
		assertThat(count("SELECT count(*) FROM reporting.publish_session WHERE is_open"))
			.isEqualTo(count("SELECT count(*) FROM reporting.channel_current WHERE channel_status = 'PUBLISHING'"))
			.isEqualTo(count("SELECT count(*) FROM reporting.publish_session s JOIN reporting.channel_current c"
					+ " USING (channel_id) WHERE s.is_open AND c.channel_status = 'PUBLISHING'"));
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
	void aTypoAnUnknownProfileOrABareWordIsRefusedBeforeAnyWork() throws Exception {
		// when
		List<PackagedJar.Result> results = PackagedJar.together(
				() -> PackagedJar.run("--livestation.api.access-key=a", "--livestation.api.secret-key=s",
						"--archive.run-dat=2026-11-19"),
				() -> PackagedJar.run("--spring.profiles.active=healthz"),
				() -> PackagedJar.run("--spring.profiles.active=health", "help"));
		PackagedJar.Result typo = results.get(0);
		PackagedJar.Result profile = results.get(1);
		PackagedJar.Result word = results.get(2);

		// then
		for (PackagedJar.Result result : List.of(typo, profile, word)) {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(result.output()).doesNotContain("\tat ", "Exception");
		}
		assertThat(typo.output()).contains("--archive.run-dat is not a setting", "did you mean --archive.run-date?");
		assertThat(profile.output()).contains("healthz is not a profile", "did you mean health?");
		assertThat(word.output()).contains("'help' is not understood", "did you mean --help?");
		assertThat(rowsIn("livestation.archive_run")).isZero();
	}

	@Test
	void aRealRunOrAHealthCheckWithoutADatabaseIsRefused() throws Exception {
		// when
		List<PackagedJar.Result> results = PackagedJar.together(
				() -> PackagedJar.runWithoutTestDatabase("--livestation.api.access-key=a",
						"--livestation.api.secret-key=s"),
				() -> PackagedJar.runWithoutTestDatabase("--spring.profiles.active=health"));
		PackagedJar.Result nightly = results.get(0);
		PackagedJar.Result health = results.get(1);

		// then
		for (PackagedJar.Result result : List.of(nightly, health)) {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(result.output()).contains("no database is set", "ARCHIVE_JDBC_URL").doesNotContain("\tat ");
		}
	}

	@Test
	void databaseMistakesAreOneLineWithTheirExitCode() throws Exception {
		// given
		TestDatabase database = TestDatabase.get();
		String server = database.jdbcUrl().replaceFirst("/[^/?]*(\\?.*)?$", "");
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		// when
		List<PackagedJar.Result> results = PackagedJar.together(
				() -> PackagedJar.runWithoutTestDatabase("--spring.profiles.active=health",
						"--spring.datasource.url=" + server + "/lsarchive_no_such_database",
						"--spring.datasource.username=" + database.username()),
				() -> PackagedJar.runWithoutTestDatabase("--spring.profiles.active=health",
						"--spring.datasource.url=" + database.jdbcUrl(),
						"--spring.datasource.username=lsarchive_no_such_user"),
				() -> PackagedJar.runWithoutTestDatabase("--spring.profiles.active=health",
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/archive"),
				() -> PackagedJar.runWithoutTestDatabase("--spring.profiles.active=health",
						"--spring.datasource.url=postgres://archiver@127.0.0.1/archive"));
		PackagedJar.Result missingDatabase = results.get(0);
		PackagedJar.Result unknownUser = results.get(1);
		PackagedJar.Result closed = results.get(2);
		PackagedJar.Result libpqUrl = results.get(3);

		// then
		assertThat(missingDatabase.exitCode()).as(missingDatabase.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(missingDatabase.output()).contains("lsarchive_no_such_database\" does not exist");
		assertThat(unknownUser.exitCode()).as(unknownUser.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(unknownUser.output()).contains("lsarchive_no_such_user");
		assertThat(closed.exitCode()).as(closed.output()).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
		assertThat(closed.output()).contains("does not answer", String.valueOf(closedPort));
		assertThat(libpqUrl.exitCode()).as(libpqUrl.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		for (PackagedJar.Result result : List.of(missingDatabase, unknownUser, closed, libpqUrl)) {
			assertThat(result.output().lines().filter((line) -> !line.isBlank()))
				.as(result.output())
				.allMatch((line) -> line.startsWith("livestation-archive: "))
				.hasSizeBetween(1, 2);
			assertThat(result.output()).doesNotContain("\tat ", "Exception", "launch again to resume");
		}
	}

	@Test
	void credentialsTheGatewayRefusesAreOneLineWithTheTraceIdAndExitTwo() throws Exception {
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 5))) {
			// when
			PackagedJar.Result result = PackagedJar.run("--livestation.api.base-url=" + simulator.baseUrl(),
					"--livestation.api.allow-insecure-http=true", "--livestation.api.access-key=" + simulator.accessKey(),
					"--livestation.api.secret-key=not-the-secret");

			// then
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(result.output()).contains("reason: credentials refused", "HTTP 401", "x-ncp-trace-id=")
				.doesNotContain("\tat ", "not-the-secret");
			assertThat(rows("SELECT exit_message FROM livestation.archive_run")).singleElement()
				.satisfies((row) -> assertThat((String) row.get("exit_message")).startsWith("credentials refused"));
		}
	}

	@Test
	void aStandaloneSimulatorOnAPortInUseIsOneLineWithTheTransientExitCode() throws Exception {
		// given: the port taken by another listener
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			// when
			PackagedJar.Result result = PackagedJar.run("--spring.profiles.active=simulator",
					"--simulator.port=" + taken.getLocalPort(), "--simulator.channels=2");

			// then
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
			assertThat(result.output()).contains("livestation-archive: port " + taken.getLocalPort()
					+ " is in use: stop what listens there", "simulator.port")
				.doesNotContain("\tat ", "Exception", "APPLICATION FAILED TO START", "Simulator serving");
		}
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
			LiveStationProperties settings = ApiSettings
				.at(URI.create("http://127.0.0.1:" + port), "standalone-key", "standalone-secret")
				.maxAttempts(3)
				.backoff(Duration.ofMillis(10), Duration.ofMillis(100))
				.requestsPerSecond(100)
				.build();
			LiveStationClient client = new LiveStationClient(settings, new ApiCallStats());

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
