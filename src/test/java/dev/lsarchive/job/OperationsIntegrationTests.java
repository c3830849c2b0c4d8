package dev.lsarchive.job;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** What an operator relies on: catching up, the JSON summary, pushed metrics, JSON logs, the health check. */
class OperationsIntegrationTests {

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void catchingUpArchivesMissedNightsInOrder() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 20))) {

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-20", "--archive.catch-up-from=2026-11-17");

			// then
			assertThat(exitCode).isZero();
			assertThat(rows("SELECT run_date::text AS d, status FROM livestation.archive_run ORDER BY job_execution_id"))
				.extracting((r) -> r.get("d") + " " + r.get("status"))
				.containsExactly("2026-11-17 COMPLETED", "2026-11-18 COMPLETED", "2026-11-19 COMPLETED",
						"2026-11-20 COMPLETED");
		}
	}

	@Test
	void catchingUpStopsAtTheFirstFailedNight() {
		// given: one channel's events always fail
		SimulatorProperties data = SimulatorProperties.of(3, 20);
		String failing;
		try (LiveStationSimulator probe = Simulators.start(data)) {
			failing = probe.dataset().channels().get(0).channelId();
		}
		try (LiveStationSimulator simulator = Simulators.start(data.withFaults(
				SimulatorProperties.Faults.failingChannels(failing),
				Duration.ZERO))) {

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-20", "--archive.catch-up-from=2026-11-18",
					"--livestation.api.max-attempts=1");

			// then
			assertThat(exitCode).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
			assertThat(rows("SELECT run_date::text AS d FROM livestation.archive_run"))
				.extracting((r) -> r.get("d")).containsExactly("2026-11-18");
		}
	}

	@Test
	void theRunSummaryIsWrittenAsJson() throws IOException {
		// given
		Path summary = Files.createTempDirectory("summary").resolve("nested/summary.json");
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(4, 30))) {

			// when
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.summary-file=" + summary);
		}

		// then
		JsonNode json = JsonMapper.builder().build().readTree(Files.readString(summary));
		assertThat(json.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(json.path("runDate").asString()).isEqualTo("2026-11-20");
		assertThat(json.path("counts").path("events.written").asLong()).isEqualTo(120);
		assertThat(json.path("itemsRead").asLong()).isEqualTo(json.path("itemsWritten").asLong()
				+ json.path("itemsAlreadyArchived").asLong() + json.path("itemsQuarantined").asLong());
		assertThat(json.path("apiRequests").asLong()).isPositive();
	}

	@Test
	void theRunsMetricsArePushedWhenItEnds() throws IOException {
		// given: a stand-in Pushgateway
		List<String> pushes = new CopyOnWriteArrayList<>();
		HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", (exchange) -> {
			pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		gateway.start();
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 25))) {

			// when
			ArchiveRun.completes(simulator, "2026-11-20",
					"--management.prometheus.metrics.export.pushgateway.enabled=true",
					"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
							+ gateway.getAddress().getPort(),
					"--management.prometheus.metrics.export.pushgateway.format=text");
		}
		finally {
			gateway.stop(0);
		}

		// then
		assertThat(pushes).isNotEmpty();
		String last = pushes.get(pushes.size() - 1);
		assertThat(last).startsWith("PUT /metrics/job/livestation-archive");
		assertThat(last).containsPattern("livestation_archive_items\\{[^}]*outcome=\"written\"[^}]*resource=\"events\"[^}]*} 50")
			.contains("livestation_api_requests_total")
			.contains("livestation_api_retries_total")
			.contains("livestation_api_throttled_total")
			.contains("livestation_api_retry_wait_seconds_total")
			.containsPattern("livestation_archive_step_duration_seconds_count\\{[^}]*step=\"events\"")
			.containsPattern("livestation_archive_run_completed\\{[^}]*} 1");
	}

	@Test
	void anAbsentPushgatewayIsOneWarningLineThatSaysWhatToDo() throws Exception {
		// given: a port nothing listens on
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}

		// when
		PackagedJar.Result result = PackagedJar.run("--spring.profiles.active=demo", "--simulator.channels=2",
				"--simulator.events-per-channel=5", "--management.prometheus.metrics.export.pushgateway.enabled=true",
				"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + closed);

		// then
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output().lines().filter((line) -> line.matches(".* (WARN|ERROR) .*")))
			.as(result.output())
			.singleElement()
			.asString()
			.endsWith("metrics were not pushed to the Pushgateway at 127.0.0.1:" + closed + ": connection refused;"
					+ " start it (docker compose --profile dashboards up -d) or set ARCHIVE_PUSHGATEWAY_ENABLED=false");
		assertThat(result.output()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
	}

	@Test
	void structuredLoggingWritesOneJsonDocumentPerLine() throws Exception {
		// when
		PackagedJar.Result result = PackagedJar.run("--spring.profiles.active=demo", "--simulator.channels=2",
				"--simulator.events-per-channel=5", "--logging.structured.format.console=ecs");

		// then
		assertThat(result.exitCode()).as(result.output()).isZero();
		List<String> lines = result.output().lines().filter((line) -> !line.isBlank()).toList();
		List<String> logLines = lines.stream().takeWhile((line) -> !line.startsWith("How many")).toList();
		assertThat(logLines).hasSizeGreaterThan(5).allSatisfy((line) -> assertThat(line).startsWith("{"));
		JsonMapper json = JsonMapper.builder().build();
		assertThat(logLines).anySatisfy((line) -> assertThat(json.readTree(line).path("message").asString())
			.contains("Archive run").contains("COMPLETED"));
	}

	@Test
	void theHealthCheckSaysWhetherLastNightCompleted() throws Exception {
		// given: the 19th completed, the 20th failed
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 5))) {
			ArchiveRun.completes(simulator, "2026-11-19");
		}
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 5))) {
			ArchiveRun.exitsWithKeys(ExitCodes.INVALID_CONFIGURATION, simulator, simulator.accessKey(), "wrong",
					"2026-11-20");
		}

		// when
		List<PackagedJar.Result> results = PackagedJar.together(
				() -> PackagedJar.run("--spring.profiles.active=health", "--archive.run-date=2026-11-19"),
				() -> PackagedJar.run("--spring.profiles.active=health", "--archive.run-date=2026-11-20"),
				() -> PackagedJar.run("--spring.profiles.active=health", "--archive.run-date=2026-11-21"));
		PackagedJar.Result healthy = results.get(0);
		PackagedJar.Result unhealthy = results.get(1);
		PackagedJar.Result missing = results.get(2);

		// then
		assertThat(healthy.exitCode()).as(healthy.output()).isZero();
		assertThat(healthy.output()).contains("OK: the run for 2026-11-19 completed").contains("through 2026-11-19");
		assertThat(unhealthy.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(unhealthy.output()).contains("CRITICAL: the run for 2026-11-20 ended FAILED at ");
		assertThat(missing.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(missing.output()).contains("CRITICAL: run date 2026-11-21 has not been archived");
	}

	@Test
	void theHealthCheckTellsWhenSnapshotCapturesHaveStopped() throws Exception {
		// given: a completed night and a completed capture
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 5))) {
			ArchiveRun.completes(simulator, "2026-11-19");
			ArchiveRun.completes(simulator, "2026-11-19", "--archive.job=snapshot-capture",
					"--archive.capture-slot=" + Simulators.NIGHT);
		}

		// when: checked while the capture is recent, then once it lies two hours back
		PackagedJar.Result running = PackagedJar.run("--spring.profiles.active=health", "--archive.run-date=2026-11-19");
		try (Connection connection = TestDatabase.get().connect(); PreparedStatement statement = connection
			.prepareStatement("UPDATE livestation.archive_run SET finished_at = now() - interval '2 hours'"
					+ " WHERE job_name = ?")) {
			statement.setString(1, ArchiveProperties.Job.SNAPSHOT_CAPTURE.jobName());
			statement.execute();
		}
		PackagedJar.Result stopped = PackagedJar.run("--spring.profiles.active=health", "--archive.run-date=2026-11-19");

		// then
		assertThat(running.exitCode()).as(running.output()).isZero();
		assertThat(running.output()).contains("OK: the run for 2026-11-19 completed")
			.contains("OK: the last snapshot capture completed at");
		assertThat(stopped.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(stopped.output()).contains("WARNING: snapshot captures have stopped");
	}

}
