package dev.lsarchive.reporting;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.lsarchive.normalize.SessionEvents;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboards in {@code dashboards/} cannot rot: every panel's SQL runs against an archive of
 * known simulator data (Grafana's macros and the dashboard variables expanded) and returns the
 * columns its panel type needs, several answers are checked against the simulator's own data, the
 * provisioning and the compose file hold together (no host port 5432, the logins' passwords those of
 * {@code .env} at every start), every metric the Prometheus panels query is one the job exports, and
 * the README lists exactly the metrics the job exports.
 */
class DashboardsIntegrationTests {

	private static final Path ARCHIVE_DASHBOARD = Path.of("dashboards/grafana/dashboards/live-station-archive.json");

	private static final Path JOB_DASHBOARD = Path.of("dashboards/grafana/dashboards/archive-job.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path COMPOSE = Path.of("docker-compose.yml");

	private static final Path COMPOSE_LOGINS = Path.of("db/roles/compose-logins.sh");

	private static final String FROM = "'2000-01-01T00:00:00Z'::timestamptz";

	private static final String TO = "'2100-01-01T00:00:00Z'::timestamptz";

	private static SimulatedDataset dataset;

	private static Simulators.Expected expected;

	private static List<ExpectedSessions.Run> runs;

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
			ArchiveRun.completes(simulator, "2026-11-20", push);
			runs = ExpectedSessions.Run.archived(Simulators.NIGHT);
			List<String> capture = new ArrayList<>(List.of(push));
			capture.addAll(List.of("--archive.job=snapshot-capture", "--archive.capture-slot=" + Simulators.NIGHT));
			ArchiveRun.completes(simulator, "2026-11-20", capture.toArray(String[]::new));
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
		for (ExpectedSessions.Session session : ExpectedSessions.of(dataset, SessionEvents.PUBLISH, runs).closed()) {
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
		String readerRole = Files.readString(COMPOSE_LOGINS);
		String compose = Files.readString(Path.of("docker-compose.yml"));

		// then: every panel, target and variable names a provisioned data source of its own type
		for (Path file : List.of(ARCHIVE_DASHBOARD, JOB_DASHBOARD)) {
			for (JsonNode source : JSON.readTree(Files.readString(file)).findValues("datasource")) {
				assertThat(typeByUid).as(file + ": " + source).containsEntry(source.path("uid").asString(),
						source.path("type").asString());
			}
		}
		assertThat(postgres.get("user")).isEqualTo("grafana_reader");
		assertThat(readerRole).contains("GRAFANA_READER_LOGIN:-grafana_reader", "ARCHIVE_READER_ROLE:-livestation_reader",
				"GRANT :\"reader_role\" TO :\"reader_login\"")
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
		Set<String> receivers = new HashSet<>(queried);
		receivers.removeIf((metric) -> !metric.startsWith("livestation_callbacks_"));
		queried.removeAll(receivers);

		// then: the job's metrics are those it pushes; the callback receiver's (scraped from its management
		// port, not pushed) are the names it exports
		assertThat(queried).hasSizeGreaterThanOrEqualTo(8);
		for (String metric : queried) {
			assertThat(exported).as("exported metric %s", metric).containsPattern("(?m)^" + metric + "\\{");
		}
		assertThat(receivers).containsExactlyInAnyOrder("livestation_callbacks_received_total",
				"livestation_callbacks_duplicates_total", "livestation_callbacks_rejected_total",
				"livestation_callbacks_ack_seconds_bucket", "livestation_callbacks_oldest_unreconciled_seconds");
		assertThat(exported).contains("archive_job=\"nightly\"").contains("archive_job=\"snapshot-capture\"");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeLeavesPort5432ToTheLocalPostgresAndSetsTheLoginsPasswordsAtEveryStart() throws Exception {
		// given
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) new Yaml()
			.<Map<String, Object>>load(Files.readString(COMPOSE)).get("services");
		Map<String, Object> postgres = services.get("postgres");
		Map<String, Object> database = (Map<String, Object>) postgres.get("environment");

		// then: no service takes the host's 5432, and the compose PostgreSQL is on the loopback only
		services.forEach((name, service) -> {
			for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
				String[] parts = port.toString().replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1").split(":");
				assertThat(parts).as("%s publishes %s", name, port).hasSizeGreaterThan(1);
				assertThat(parts[parts.length - 2]).as("%s's host port", name).isNotEqualTo("5432");
			}
		});
		assertThat((List<Object>) postgres.get("ports")).singleElement().asString().startsWith("127.0.0.1:");
		// the healthcheck asks over TCP: the server of the volume's first initialization listens on the socket only
		assertThat(postgres.get("healthcheck").toString()).contains("pg_isready -h 127.0.0.1");
		// then: the one-shot logins service sets the passwords of .env once the server is up, through its socket
		Map.Entry<String, Map<String, Object>> logins = services.entrySet().stream()
			.filter((service) -> String.valueOf(service.getValue().get("volumes"))
				.contains("./" + COMPOSE_LOGINS + ":"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no service runs " + COMPOSE_LOGINS + " at every start"));
		Map<String, Object> loginsEnvironment = (Map<String, Object>) logins.getValue().get("environment");
		assertThat(logins.getValue().get("entrypoint").toString()).contains("/" + COMPOSE_LOGINS.getFileName());
		assertThat(logins.getValue().get("depends_on").toString()).isEqualTo("{postgres={condition=service_healthy}}");
		assertThat((List<Object>) logins.getValue().get("volumes"))
			.filteredOn((volume) -> volume.toString().endsWith(":/var/run/postgresql"))
			.singleElement()
			.isIn((List<Object>) postgres.get("volumes"));
		assertThat(loginsEnvironment).containsEntry("PGHOST", "/var/run/postgresql")
			.containsEntry("PGUSER", database.get("POSTGRES_USER"))
			.containsEntry("PGDATABASE", database.get("POSTGRES_DB"))
			.containsEntry("ARCHIVE_LOGIN", database.get("POSTGRES_USER"))
			.containsEntry("ARCHIVE_PASSWORD", database.get("POSTGRES_PASSWORD"));
		// then: whatever logs in waits for it, with the same passwords
		for (String service : List.of("archive", "demo", "grafana")) {
			assertThat(((Map<String, Object>) services.get(service).get("depends_on")).get(logins.getKey()))
				.as(service).hasToString("{condition=service_completed_successfully}");
		}
		for (String job : List.of("archive", "demo")) {
			assertThat((Map<String, Object>) services.get(job).get("environment"))
				.containsEntry("ARCHIVE_JDBC_USER", database.get("POSTGRES_USER"))
				.containsEntry("ARCHIVE_JDBC_PASSWORD", database.get("POSTGRES_PASSWORD"));
		}
		assertThat((Map<String, Object>) services.get("grafana").get("environment"))
			.containsEntry("GRAFANA_READER_PASSWORD", loginsEnvironment.get("GRAFANA_READER_PASSWORD"));
	}

	@Test
	void theLoginsScriptGivesTheLoginsTheEnvPasswordsOnAFirstAndOnALaterStart() throws Exception {
		assumeTrue(psql15OrLater(), "no psql 15 or later (the image's) to run the script with");
		// given: the archive's login as the image made it with the volume; roles of this test's own
		String suffix = Long.toString(System.nanoTime(), 36);
		String owner = "compose_owner_" + suffix;
		String reader = "compose_reader_" + suffix;
		String login = "compose_grafana_" + suffix;
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'made-with-the-volume'");
			try {
				// when: a first start, then a later one after .env's passwords changed
				String first = logins(owner, reader, login, "first-password", "first-reader-password");
				Map<String, String> afterFirst = verifiers(statement, owner, login);
				String later = logins(owner, reader, login, "later 'quoted' password", "later-reader-password");
				Map<String, String> afterLater = verifiers(statement, owner, login);

				// then
				assertThat(scramVerifies(afterFirst.get(owner), "first-password")).isTrue();
				assertThat(scramVerifies(afterFirst.get(login), "first-reader-password")).isTrue();
				assertThat(scramVerifies(afterLater.get(owner), "later 'quoted' password")).isTrue();
				assertThat(scramVerifies(afterLater.get(login), "later-reader-password")).isTrue();
				assertThat(scramVerifies(afterLater.get(login), "first-reader-password")).isFalse();
				assertThat(first + later).doesNotContain("first-password", "quoted", "reader-password");
				try (ResultSet memberships = statement.executeQuery("SELECT r.rolname, m.rolcanlogin"
						+ " FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"
						+ " WHERE m.rolname = '" + login + "'")) {
					assertThat(memberships.next()).isTrue();
					assertThat(memberships.getString(1)).isEqualTo(reader);
					assertThat(memberships.getBoolean(2)).isTrue();
					assertThat(memberships.next()).as("a member of the reader role only").isFalse();
				}
			}
			finally {
				statement.execute("DROP ROLE IF EXISTS " + login);
				statement.execute("DROP ROLE IF EXISTS " + reader);
				statement.execute("DROP ROLE " + owner);
			}
		}
	}

	@Test
	void theReadmesMetricsAreTheOnesTheJobExports() throws Exception {
		// given: the README's Metrics bullet, and what both jobs pushed (names as Micrometer gives them, with their tags)
		List<String> readme = Files.readAllLines(Path.of("README.md"));
		int bullet = IntStream.range(0, readme.size())
			.filter((i) -> readme.get(i).startsWith("- **Metrics**"))
			.findFirst()
			.orElseThrow();
		StringBuilder metricsBullet = new StringBuilder(readme.get(bullet));
		for (int i = bullet + 1; i < readme.size() && readme.get(i).startsWith("  "); i++) {
			metricsBullet.append(' ').append(readme.get(i).trim());
		}
		Map<String, Set<String>> listed = new TreeMap<>();
		Matcher name = Pattern.compile("`(livestation\\.[a-z.]+)(?:\\{([a-z_,]+)})?`").matcher(metricsBullet);
		while (name.find()) {
			listed.put(name.group(1), (name.group(2) != null) ? Set.of(name.group(2).split(",")) : Set.of());
		}
		Map<String, Set<String>> exported = new TreeMap<>();
		Matcher sample = Pattern.compile("(?m)^(livestation_[a-z_]+)\\{([^}]*)}").matcher(String.join("\n", pushed));
		while (sample.find()) {
			String micrometerName = sample.group(1).replaceAll("(_seconds)?(_total|_count|_sum|_max)?$", "")
				.replace('_', '.');
			Set<String> tags = exported.computeIfAbsent(micrometerName, (n) -> new HashSet<>());
			Matcher label = Pattern.compile("([a-z_]+)=\"").matcher(sample.group(2));
			while (label.find()) {
				tags.add(label.group(1));
			}
		}
		// tags every metric carries are said once, for all
		exported.values().forEach((tags) -> assertThat(tags).contains("application", "archive_job"));
		exported.values().forEach((tags) -> tags.removeAll(Set.of("application", "archive_job")));

		// then
		assertThat(listed).isEqualTo(exported).containsKey("livestation.archive.run.finished");
		assertThat(metricsBullet).contains("`application`", "`archive_job`");
	}

	private static boolean numeric(int type) {
		return type == Types.NUMERIC || type == Types.BIGINT || type == Types.INTEGER || type == Types.DOUBLE
				|| type == Types.SMALLINT || type == Types.DECIMAL || type == Types.REAL;
	}

	// runs the compose logins script as postgres-logins does, against the test database; its output
	private static String logins(String owner, String reader, String login, String password, String readerPassword)
			throws Exception {
		TestDatabase database = TestDatabase.get();
		URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		ProcessBuilder script = new ProcessBuilder("sh", COMPOSE_LOGINS.toString()).redirectErrorStream(true);
		script.environment().putAll(Map.of("PGHOST", server.getHost(), "PGPORT", Integer.toString(server.getPort()),
				"PGDATABASE", server.getPath().substring(1), "PGUSER", database.username(), "PGPASSWORD",
				Objects.toString(database.password(), "")));
		script.environment().putAll(Map.of("ARCHIVE_LOGIN", owner, "ARCHIVE_PASSWORD", password, "ARCHIVE_READER_ROLE",
				reader, "GRAFANA_READER_LOGIN", login, "GRAFANA_READER_PASSWORD", readerPassword));
		Process process = script.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	private static Map<String, String> verifiers(Statement statement, String... roles) throws Exception {
		Map<String, String> verifiers = new HashMap<>();
		try (ResultSet result = statement.executeQuery("SELECT rolname, rolpassword FROM pg_authid WHERE rolname IN ('"
				+ String.join("', '", roles) + "')")) {
			while (result.next()) {
				verifiers.put(result.getString(1), result.getString(2));
			}
		}
		return verifiers;
	}

	// PostgreSQL's SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (RFC 5802) holds this password
	private static boolean scramVerifies(String verifier, String password) throws Exception {
		Matcher parts = Pattern.compile("SCRAM-SHA-256\\$(\\d+):([^$]+)\\$([^:]+):.+").matcher(verifier);
		assertThat(parts.matches()).as("a SCRAM verifier").isTrue();
		byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
			.generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(parts.group(2)),
					Integer.parseInt(parts.group(1)), 256))
			.getEncoded();
		Mac hmac = Mac.getInstance("HmacSHA256");
		hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
		byte[] storedKey = MessageDigest.getInstance("SHA-256")
			.digest(hmac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8)));
		return Arrays.equals(storedKey, Base64.getDecoder().decode(parts.group(3)));
	}

	// the script reads the passwords with \getenv, which psql has since 15
	private static boolean psql15OrLater() throws InterruptedException {
		try {
			Process psql = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
			Matcher major = Pattern.compile("(\\d+)").matcher(new String(psql.getInputStream().readAllBytes()));
			return psql.waitFor() == 0 && major.find() && Integer.parseInt(major.group(1)) >= 15;
		}
		catch (IOException notInstalled) {
			return false;
		}
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
