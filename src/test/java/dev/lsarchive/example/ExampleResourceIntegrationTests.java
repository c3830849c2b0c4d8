package dev.lsarchive.example;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveTables;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resource added as the README says (its package, and one line in the job's flow) is counted
 * everywhere the archive's own resources are: the summary's table and lines, its step's log line,
 * the ledger, the metrics and the JSON summary.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExampleResourceIntegrationTests {

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^  (\\w+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestDatabase database;

	private HttpServer gateway;

	private final List<String> pushes = new CopyOnWriteArrayList<>();

	@BeforeEach
	void anEmptyArchiveWithTheExamplesTableAndAPushgateway() throws IOException {
		this.database = TestDatabase.get().createEmpty();
		this.gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.gateway.createContext("/", (exchange) -> {
			this.pushes.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.gateway.start();
	}

	@AfterEach
	void dropThem() {
		this.gateway.stop(0);
		TestDatabase.get().drop(this.database);
	}

	@Test
	void aResourceOfItsOwnIsCountedInTheSummaryTheLedgerTheMetricsAndTheJsonSummary(CapturedOutput output)
			throws Exception {
		// given
		Path summary = Files.createTempDirectory("examples").resolve("summary.json");
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(2, 10))) {

			// when: a night, then the same night again
			int before = output.getAll().length();
			assertThat(ArchiveRun.run(simulator, "2026-11-20", settings(summary).toArray(String[]::new))).isZero();
			String first = output.getAll().substring(before);
			JsonNode firstJson = JSON.readTree(Files.readString(summary));
			String firstPush = this.pushes.get(this.pushes.size() - 1);
			before = output.getAll().length();
			assertThat(ArchiveRun.run(simulator, "2026-11-20", settings(summary, "--archive.rerun=true").toArray(String[]::new))).isZero();
			String rerun = output.getAll().substring(before);
			JsonNode rerunJson = JSON.readTree(Files.readString(summary));
			String rerunPush = this.pushes.get(this.pushes.size() - 1);

			// then: 4 read, 2 written ("two" trimmed), 1 blank and 1 the database refuses quarantined; then unchanged
			assertThat(table(first).get("examples")).containsExactly(4L, 2L, 0L, 2L);
			assertThat(table(rerun).get("examples")).containsExactly(4L, 0L, 2L, 2L);
			assertThat(first).contains("examples COMPLETED: 4 examples read (2 written, 0 unchanged, 2 quarantined)")
				.contains("  examples: 1 of the values arrived with spaces around them and were trimmed");
			for (String printed : List.of(first, rerun)) {
				assertThat(table(printed).get("total")).as("the total row counts the examples")
					.containsExactly(sumOfResources(table(printed)));
			}

			List<Map<String, Object>> ledger = rows(
					"SELECT counts::text AS counts, items_read, items_written, items_already_archived, items_quarantined,"
							+ " channels_read, events_read, snapshots_read, recordings_read, events_written,"
							+ " events_already_archived, recording_channels_asked"
							+ " FROM livestation.archive_run ORDER BY job_execution_id");
			assertThat(ledger).hasSize(2);
			JsonNode firstCounts = JSON.readTree((String) ledger.get(0).get("counts"));
			JsonNode rerunCounts = JSON.readTree((String) ledger.get(1).get("counts"));
			assertThat(List.of(firstCounts.path("examples.read").asLong(), firstCounts.path("examples.written").asLong(),
					firstCounts.path("examples.unchanged").asLong(), firstCounts.path("examples.quarantined").asLong(),
					firstCounts.path("examples.trimmed").asLong())).containsExactly(4L, 2L, 0L, 2L, 1L);
			assertThat(rerunCounts.path("examples.unchanged").asLong()).isEqualTo(2);
			Map<String, Object> run = ledger.get(0);
			assertThat((long) run.get("items_read")).as("the ledger's items count the examples")
				.isEqualTo((long) run.get("channels_read") + (long) run.get("events_read")
						+ (long) run.get("snapshots_read") + (long) run.get("recordings_read") + 4);
			assertThat(List.of(firstCounts.path("events.written").asLong(),
					firstCounts.path("events.already_archived").asLong(),
					firstCounts.path("recordings.channels_asked").asLong()))
				.as("counts holds every counter, also those with a column of their own")
				.containsExactly((long) run.get("events_written"), (long) run.get("events_already_archived"),
						(long) run.get("recording_channels_asked"));

			assertThat(firstPush).containsPattern(item("read", 4)).containsPattern(item("written", 2))
				.containsPattern(item("already_archived", 0)).containsPattern(item("quarantined", 2));
			assertThat(rerunPush).containsPattern(item("written", 0)).containsPattern(item("already_archived", 2));

			assertThat(firstJson.path("counts").path("examples.written").asLong()).isEqualTo(2);
			assertThat(firstJson.path("counts").path("examples.trimmed").asLong()).isEqualTo(1);
			assertThat(rerunJson.path("counts").path("examples.unchanged").asLong()).isEqualTo(2);
			assertThat(firstJson.path("itemsRead").asLong()).isEqualTo((long) run.get("items_read"));
			assertThat(firstJson.path("itemsQuarantined").asLong()).isEqualTo((long) run.get("items_quarantined"));

			assertThat(rows("SELECT id, value FROM example.item ORDER BY id"))
				.extracting((r) -> r.get("id") + "=" + r.get("value"))
				.containsExactly("e1=one", "e2=two");
			assertThat(rows("SELECT reason FROM livestation.quarantine WHERE resource = 'example' ORDER BY quarantine_id"))
				.extracting((r) -> (String) r.get("reason"))
				.hasSize(4)
				.anySatisfy((reason) -> assertThat(reason).isEqualTo("value is blank"))
				.anySatisfy((reason) -> assertThat(reason).contains("SQLSTATE 23514"));
		}
	}

	private List<String> settings(Path summary, String... more) {
		List<String> settings = new ArrayList<>(this.database.applicationSettings());
		settings.addAll(List.of("--spring.main.sources=" + ExampleConfiguration.class.getName(),
				"--spring.flyway.locations=classpath:db/migration,classpath:db/example",
				"--archive.summary-file=" + summary, "--archive.max-quarantine-ratio=0.5",
				"--logging.level.dev.lsarchive=INFO",
				"--management.prometheus.metrics.export.pushgateway.enabled=true",
				"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
						+ this.gateway.getAddress().getPort(),
				"--management.prometheus.metrics.export.pushgateway.format=text"));
		settings.addAll(List.of(more));
		return settings;
	}

	// the summary's rows by name: read, written, unchanged, quarantined
	private static Map<String, List<Long>> table(String output) {
		Map<String, List<Long>> rows = new LinkedHashMap<>();
		Matcher row = TABLE_ROW.matcher(output);
		while (row.find()) {
			rows.put(row.group(1), List.of(Long.parseLong(row.group(2)), Long.parseLong(row.group(3)),
					Long.parseLong(row.group(4)), Long.parseLong(row.group(5))));
		}
		return rows;
	}

	private static Long[] sumOfResources(Map<String, List<Long>> table) {
		Long[] sum = { 0L, 0L, 0L, 0L };
		table.forEach((name, values) -> {
			if (!name.equals("total")) {
				for (int i = 0; i < 4; i++) {
					sum[i] += values.get(i);
				}
			}
		});
		return sum;
	}

	private static String item(String outcome, long value) {
		return "livestation_archive_items\\{[^}]*outcome=\"" + outcome + "\"[^}]*resource=\"examples\"[^}]*} " + value
				+ "\\b";
	}

	private List<Map<String, Object>> rows(String sql) throws SQLException {
		try (Connection connection = this.database.connect()) {
			return ArchiveTables.rows(connection, sql);
		}
	}

}
