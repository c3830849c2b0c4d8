package dev.lsarchive.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards in {@code dashboards/} cannot rot: every panel's SQL runs against an archive of
 * known simulator data (Grafana's macros and the dashboard variables expanded) and returns the
 * columns its panel type needs, several answers are checked against the simulator's own data, the
 * provisioning holds together, and every metric the Prometheus panels query is one the job exports.
 */
class DashboardsIntegrationTests {

	private static final Path ARCHIVE_DASHBOARD = Path.of("dashboards/grafana/dashboards/live-station-archive.json");

	private static final Path JOB_DASHBOARD = Path.of("dashboards/grafana/dashboards/archive-job.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FROM = "'2000-01-01T00:00:00Z'::timestamptz";

	private static final String TO = "'2100-01-01T00:00:00Z'::timestamptz";

	private static SimulatedDataset dataset;

	private static Simulators.Expected expected;

	private static final List<String> pushed = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void archiveKnownDataPushingMetrics() throws Exception {
		TestDatabase.get().reset();
		HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", (exchange) -> {
			pushed.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		gateway.start();
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(14, 120))) {
			dataset = simulator.dataset();
			expected = Simulators.Expected.of(dataset);
			String[] push = { "--management.prometheus.metrics.export.pushgateway.enabled=true",
					"--management.prometheus.metrics.export.pushgateway.format=text",
					"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
							+ gateway.getAddress().getPort() };
			assertThat(ArchiveRun.run(simulator, "2026-11-20", push)).isZero();
			List<String> capture = new ArrayList<>(List.of(push));
			capture.addAll(List.of("--archive.job=snapshot-capture", "--archive.capture-slot=" + Simulators.NIGHT));
			assertThat(ArchiveRun.run(simulator, "2026-11-20", capture.toArray(String[]::new))).isZero();
		}
		finally {
			gateway.stop(0);
		}
	}

	@Test
	void everyPanelQueryRunsAndReturnsTheColumnsItsPanelNeeds() throws Exception {
		// given
		JsonNode dashboard = JSON.readTree(Files.readString(ARCHIVE_DASHBOARD));
		Map<String, String> variables = variables(dashboard);

		// when
		Map<String, Answer> answers = answers(dashboard, variables);

		// then
		assertThat(answers).hasSizeGreaterThanOrEqualTo(12);
		answers.forEach((title, answer) -> {
			switch (answer.type()) {
				case "timeseries" -> {
					assertThat(answer.columns().get(0)).as(title).isEqualTo("time");
					assertThat(answer.kinds().get(0)).as(title).isIn(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);
					assertThat(answer.kinds().subList(1, answer.kinds().size())).as(title).isNotEmpty()
						.allMatch(DashboardsIntegrationTests::numeric);
				}
				case "barchart" -> {
					assertThat(answer.kinds().get(0)).as(title).isIn(Types.VARCHAR, Types.CHAR);
					assertThat(answer.kinds().subList(1, answer.kinds().size())).as(title).isNotEmpty()
						.allMatch(DashboardsIntegrationTests::numeric);
				}
				case "piechart" -> assertThat(answer.kinds()).as(title).allMatch(DashboardsIntegrationTests::numeric);
				case "state-timeline" -> {
					assertThat(answer.columns()).as(title).containsExactly("time", "channel_id", "channel_status");
					assertThat(answer.kinds().get(0)).as(title).isIn(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);
				}
				case "stat", "table" -> assertThat(answer.columns()).as(title).isNotEmpty();
				default -> throw new AssertionError(title + ": a panel type this test does not know: " + answer.type());
			}
			assertThat(answer.rows()).as(title).isNotEmpty();
		});
	}

	@Test
	void panelsAnswerWhatTheSimulatorsDataSays() throws Exception {
		// given
		JsonNode dashboard = JSON.readTree(Files.readString(ARCHIVE_DASHBOARD));
		Map<String, Answer> answers = answers(dashboard, variables(dashboard));
		Map<String, Long> kinds = new TreeMap<>();
		for (String kind : SimulatedDataset.KINDS) {
			kinds.put(kind, (long) dataset.channels(kind).size());
		}
		Map<String, BigDecimal> publishHours = new TreeMap<>();
		Map<String, Long> minutes = new HashMap<>();
		for (ExpectedSessions.Session session : ExpectedSessions.of(dataset, "PUBLISH_START", "PUBLISH_END").closed()) {
			minutes.merge(session.channelId(), session.minutes(), Long::sum);
		}
		minutes.forEach((channel, total) -> publishHours.put(channel,
				BigDecimal.valueOf(total).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)));
		long failedUploads = dataset.channels().stream()
			.flatMap((c) -> dataset.recordingsAt(c, Simulators.NIGHT.toEpochMilli()).stream())
			.filter((r) -> "TRANSFER_FAIL".equals(r.statusAt(Simulators.NIGHT.toEpochMilli())))
			.count();

		// then
		Map<String, Long> channelsByKind = new TreeMap<>();
		answers.get("Channels by kind").rows()
			.forEach((r) -> channelsByKind.put((String) r.get(0), ((Number) r.get(1)).longValue()));
		assertThat(channelsByKind).isEqualTo(kinds);
		assertThat(answers.get("Snapshots captured vs expired").rows()).singleElement()
			.isEqualTo(List.of(expected.readableSnapshots(), expected.snapshots() - expected.readableSnapshots()));
		assertThat(answers.get("Failed uploads").rows()).hasSize((int) failedUploads).isNotEmpty();
		Map<String, BigDecimal> hoursByChannel = new TreeMap<>();
		answers.get("Publish hours per channel").rows()
			.forEach((r) -> hoursByChannel.put((String) r.get(0), (BigDecimal) r.get(1)));
		assertThat(hoursByChannel).isEqualTo(publishHours);
		assertThat(answers.get("Coverage and gaps of each channel's history").rows()).hasSize(dataset.channels().size());
	}

	@Test
	void theProvisioningHoldsTogetherWithTheReaderRoleAndNoSecret() throws Exception {
		// given
		Map<String, Object> provisioning = new Yaml()
			.load(Files.readString(Path.of("dashboards/grafana/provisioning/datasources/livestation-archive.yml")));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> sources = (List<Map<String, Object>>) provisioning.get("datasources");
		Map<String, String> typeByUid = new HashMap<>();
		sources.forEach((source) -> typeByUid.put((String) source.get("uid"), (String) source.get("type")));
		Map<String, Object> postgres = sources.stream()
			.filter((source) -> "grafana-postgresql-datasource".equals(source.get("type")))
			.findFirst()
			.orElseThrow();
		String readerRole = Files.readString(Path.of("dashboards/postgres/10-grafana-reader.sh"));
		String compose = Files.readString(Path.of("docker-compose.yml"));

		// then: every panel, target and variable names a provisioned data source of its own type
		for (Path file : List.of(ARCHIVE_DASHBOARD, JOB_DASHBOARD)) {
			for (JsonNode source : JSON.readTree(Files.readString(file)).findValues("datasource")) {
				assertThat(typeByUid).as(file + ": " + source).containsEntry(source.path("uid").asString(),
						source.path("type").asString());
			}
		}
		assertThat(postgres.get("user")).isEqualTo("grafana_reader");
		assertThat(readerRole).contains("CREATE ROLE grafana_reader LOGIN", "IN ROLE livestation_reader")
			.doesNotContain("SUPERUSER", "CREATEROLE", "GRANT ALL");
		assertThat(postgres.get("secureJsonData").toString()).isEqualTo("{password=${GRAFANA_READER_PASSWORD}}");
		assertThat(Files.readString(Path.of("dashboards/grafana/provisioning/datasources/livestation-archive.yml")))
			.doesNotContainPattern("(?i)password:\\s*[^$\\s]");
		// pinned images, the provisioning mounted, the job pushing to the Pushgateway
		Matcher images = Pattern.compile("image:\\s*(\\S+)").matcher(compose);
		while (images.find()) {
			assertThat(images.group(1)).as("pinned image").matches("[^:]+:\\S*\\d\\S*").doesNotEndWith(":latest");
		}
		if (new java.io.File("/usr/bin/docker-compose").canExecute()) {
			// validates offline, without a Docker engine
			Process config = new ProcessBuilder("docker-compose", "--profile", "dashboards", "config", "-q")
				.redirectErrorStream(true).start();
			String said = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(config.waitFor()).as(said).isZero();
		}
		assertThat(compose).contains("grafana/grafana-oss:", "prom/prometheus:", "prom/pushgateway:",
				"./dashboards/grafana/provisioning:/etc/grafana/provisioning", "ARCHIVE_PUSHGATEWAY_ADDRESS: pushgateway:9091",
				"profiles: [\"dashboards\"]");
	}

	@Test
	void everyMetricThePrometheusPanelsQueryIsOneTheJobExports() throws Exception {
		// given
		JsonNode dashboard = JSON.readTree(Files.readString(JOB_DASHBOARD));
		Set<String> queried = new HashSet<>();
		for (JsonNode expr : dashboard.findValues("expr")) {
			Matcher name = Pattern.compile("\\b(livestation_[a-z_]+)").matcher(expr.asString());
			while (name.find()) {
				queried.add(name.group(1));
			}
		}
		String exported = String.join("\n", pushed);

		// then
		assertThat(queried).hasSizeGreaterThanOrEqualTo(8);
		for (String metric : queried) {
			assertThat(exported).as("exported metric %s", metric).containsPattern("(?m)^" + metric + "\\{");
		}
		assertThat(exported).contains("archive_job=\"nightly\"").contains("archive_job=\"snapshot-capture\"");
	}

	private static boolean numeric(int type) {
		return type == Types.NUMERIC || type == Types.BIGINT || type == Types.INTEGER || type == Types.DOUBLE
				|| type == Types.SMALLINT || type == Types.DECIMAL || type == Types.REAL;
	}

	// each variable's own query, in order, with the variables before it expanded; textboxes as set
	private static Map<String, String> variables(JsonNode dashboard) throws Exception {
		Map<String, String> values = new LinkedHashMap<>();
		for (JsonNode variable : dashboard.path("templating").path("list").values()) {
			String name = variable.path("name").asString();
			if ("textbox".equals(variable.path("type").asString())) {
				values.put(name, variable.path("query").asString());
				continue;
			}
			List<List<Object>> rows = query(expand(variable.path("query").asString(), values)).rows();
			values.put(name, rows.stream().map((row) -> "'" + row.get(0) + "'").collect(Collectors.joining(",")));
		}
		return values;
	}

	private static Map<String, Answer> answers(JsonNode dashboard, Map<String, String> variables) throws Exception {
		Map<String, Answer> answers = new LinkedHashMap<>();
		for (JsonNode panel : dashboard.path("panels").values()) {
			for (JsonNode target : panel.path("targets").values()) {
				Answer answer = query(expand(target.path("rawSql").asString(), variables));
				answers.put(panel.path("title").asString(), answer.of(panel.path("type").asString()));
			}
		}
		return answers;
	}

	// Grafana's macros as it expands them for PostgreSQL, over a range that holds every test instant
	static String expand(String sql, Map<String, String> variables) {
		String expanded = sql.replace("$__timeFrom()", FROM).replace("$__timeTo()", TO);
		int at;
		while ((at = expanded.indexOf("$__timeFilter(")) >= 0) {
			int open = at + "$__timeFilter".length();
			int depth = 0;
			int close = open;
			for (; close < expanded.length(); close++) {
				char c = expanded.charAt(close);
				depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
				if (depth == 0) {
					break;
				}
			}
			String column = expanded.substring(open + 1, close);
			expanded = expanded.substring(0, at) + column + " BETWEEN " + FROM + " AND " + TO
					+ expanded.substring(close + 1);
		}
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			expanded = expanded.replace("$" + variable.getKey(), variable.getValue());
		}
		assertThat(expanded).as("every macro and variable expanded").doesNotContain("$");
		return expanded;
	}

	private static Answer query(String sql) throws Exception {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			ResultSetMetaData meta = result.getMetaData();
			List<String> columns = new ArrayList<>();
			List<Integer> kinds = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				columns.add(meta.getColumnLabel(i));
				kinds.add(meta.getColumnType(i));
			}
			List<List<Object>> rows = new ArrayList<>();
			while (result.next()) {
				List<Object> row = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					row.add(result.getObject(i));
				}
				rows.add(row);
			}
			return new Answer(null, columns, kinds, rows);
		}
	}

	/**
	 * What a panel's query returned.
	 *
	 * @param type the panel type
	 * @param columns column names
	 * @param kinds JDBC types of the columns
	 * @param rows the rows
	 */
	private record Answer(String type, List<String> columns, List<Integer> kinds, List<List<Object>> rows) {

		Answer of(String panelType) {
			return new Answer(panelType, this.columns, this.kinds, this.rows);
		}

	}

}
