package dev.lsarchive.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedSnapshot;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** Secrets stay secret everywhere a run leaves a trace; the job needs no special database privilege. */
class SecurityDrillIntegrationTests {

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void noSecretReachesTheLogsErrorsArchiveSummaryOrMetrics() throws Exception {
		// given: a known secret, every log at DEBUG, the summary file, metrics pushed to a stand-in gateway; records
		// with fields of their own, kept as received
		String secret = "drill-secret-" + UUID.randomUUID();
		SimulatorProperties data = SimulatorProperties.of(7, 40).withKeys("drill-access-key", secret).toBuilder()
			.extraFields(List.of("futureFlag", "cdn.edgeRegion"))
			.build();
		Path summary = Files.createTempFile("summary", ".json");
		List<String> pushed = new CopyOnWriteArrayList<>();
		HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", (exchange) -> {
			pushed.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		gateway.start();
		StringBuilder traces = new StringBuilder();
		Set<String> secrets = new HashSet<>(List.of(secret));
		try (LiveStationSimulator simulator = Simulators.start(data); JarRuns runs = new JarRuns()) {
			for (SimulatedChannel channel : simulator.dataset().channels()) {
				secrets.add(channel.streamKey());
				for (SimulatedChannel.Target target : channel.targets()) {
					secrets.addAll(List.of(target.streamKey(), target.id(), target.password()));
				}
			}
			assertThat(simulator.dataset().channels()).extracting(SimulatedChannel::kind).contains("RE_STREAM");
			// a re-stream channel the archive must quarantine, its stream key and publish URLs in the record
			// (the drill pages its lists by 10)
			String quarantinedKey = "rk-drill-" + UUID.randomUUID();
			secrets.add(quarantinedKey);
			SimulatedChannel restream = simulator.dataset().channels("RE_STREAM").get(0);
			// the archived re-stream channel and an event of another channel carry secrets in fields no column
			// maps, nested at any depth: their payload and extra keep the fields, not the secrets
			String nestedKey = "nk-drill-" + UUID.randomUUID();
			String nestedPassword = "np-drill-" + UUID.randomUUID();
			String nestedToken = "nt-drill-" + UUID.randomUUID();
			secrets.addAll(List.of(nestedKey, nestedPassword, nestedToken));
			simulator.script("/api/v2/re-stream/channels?pageNo=1&pageSizeNo=10", 200, "application/json",
					("{\"content\":[{\"channelId\":\"" + restream.channelId() + "\",\"channelName\":\"relay\","
							+ "\"channelStatus\":\"READY\",\"createdTime\":" + restream.createdTime() + ",\"streamKey\":\""
							+ restream.streamKey() + "\",\"relay\":{\"backupStreamKey\":\"" + nestedKey
							+ "\",\"auth\":[{\"password\":\"" + nestedPassword + "\",\"user\":\"relay\"}]}},"
							+ "{\"channelId\":\"ls-20990101000000-SECRT\",\"channelName\":\"drill\","
							+ "\"channelStatus\":\"READY\",\"createdTime\":\"yesterday\",\"streamKey\":\"" + quarantinedKey
							+ "\",\"publishUrl\":\"rtmp://sim-publish.example.com/relay/" + quarantinedKey + "\","
							+ "\"globalPublishUrl\":\"rtmp://sim-global.example.com/relay/" + quarantinedKey + "\"}],\"total\":2}")
						.getBytes(StandardCharsets.UTF_8));
			SimulatedChannel live = simulator.dataset().channels("LIVE").get(0);
			simulator.script("/api/v2/events?channelId=" + live.channelId(), 200, "application/json",
					("{\"content\":[{\"channelId\":\"" + live.channelId() + "\",\"logLevel\":\"INFO\","
							+ "\"eventCode\":\"STREAM_UPDATE\",\"description\":\"drill\",\"timestamp\":"
							+ live.createdTime() + ",\"session\":{\"accessToken\":\"" + nestedToken + "\",\"publishUrl\":"
							+ "\"rtmp://sim-publish.example.com/relay/" + nestedKey + "\",\"region\":\"KR\"}}],\"total\":1}")
						.getBytes(StandardCharsets.UTF_8));
			// a snapshot read within its hour, its info carrying a signed viewer URL's signature
			SimulatedChannel snapshotted = simulator.dataset().channels().stream()
				.filter((c) -> simulator.dataset().snapshotAt(c, Simulators.NIGHT.toEpochMilli()) != null)
				.findFirst()
				.orElseThrow();
			SimulatedSnapshot snapshot = simulator.dataset().snapshotAt(snapshotted, Simulators.NIGHT.toEpochMilli());
			long taken = Simulators.NIGHT.minusSeconds(600).toEpochMilli();
			simulator.script("/api/v2/channels/" + snapshotted.channelId() + "/snapshot/" + snapshot.snapshotId(), 200,
					"application/json", ("{\"content\":{\"channelId\":\"" + snapshotted.channelId()
							+ "\",\"channelStatus\":\"PUBLISHING\",\"snapshot\":{\"snapshotId\":" + snapshot.snapshotId()
							+ ",\"snapshotUrl\":\"https://sim-snapshot.example.com/s.mp4\",\"createdTime\":" + taken
							+ ",\"expireTime\":" + (taken + 3_600_000) + ",\"duration\":5},\"viewer\":{\"urlSignature\":\""
							+ nestedToken + "\",\"name\":\"drill\"}}}").getBytes(StandardCharsets.UTF_8));
			String[] observed = { "--logging.level.root=DEBUG", "--archive.summary-file=" + summary,
					"--management.prometheus.metrics.export.pushgateway.enabled=true",
					"--management.prometheus.metrics.export.pushgateway.format=text",
					"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + gateway.getAddress().getPort() };

			// when: a good run, and a run failing on a wrong secret that shares most of the real one
			JarRuns.Launch good = runs.start(simulator, observed);
			assertThat(good.waitForExit()).isZero();
			traces.append(good.text());
			String almost = secret.substring(0, secret.length() - 4) + "XXXX";
			JarRuns.Launch bad = runs.start(simulator, "--livestation.api.secret-key=" + almost,
					"--archive.run-date=2026-11-21", "--logging.level.root=DEBUG");
			assertThat(bad.waitForExit()).isNotZero();
			traces.append(bad.text());
			secrets.add(almost);
			secrets.addAll(simulator.signaturesSeen());
			assertThat(simulator.signaturesSeen()).hasSizeGreaterThanOrEqualTo(5);
		}
		finally {
			gateway.stop(0);
		}
		traces.append(Files.readString(summary)).append(String.join("\n", pushed));
		traces.append(rows("SELECT * FROM livestation.channel").toString());
		traces.append(rows("SELECT * FROM livestation.channel_event").toString());
		traces.append(rows("SELECT * FROM livestation.snapshot").toString());
		traces.append(rows("SELECT * FROM livestation.restream_target").toString());
		traces.append(rows("SELECT * FROM livestation.recording").toString());
		traces.append(rows("SELECT * FROM livestation.channel_version").toString());
		traces.append(rows("SELECT * FROM reporting.api_fields").toString());
		traces.append(rows("SELECT * FROM livestation.quarantine").toString());
		traces.append(rows("SELECT * FROM livestation.archive_run").toString());
		traces.append(rows("SELECT * FROM batch.batch_job_execution_params").toString());
		traces.append(rows("SELECT * FROM batch.batch_step_execution_context").toString());
		traces.append(rows("SELECT * FROM batch.batch_job_execution").toString());

		// then
		String everything = traces.toString();
		assertThat(everything).contains("DEBUG").contains("livestation_archive_items").contains("HTTP 401");
		for (String value : secrets) {
			assertThat(everything).as("a secret leaked").doesNotContain(value);
		}
		assertThat(rows("SELECT payload FROM livestation.quarantine WHERE channel_id = 'ls-20990101000000-SECRT'"))
			.as("the quarantined re-stream channel, without its secrets").isNotEmpty();
		// publish URLs embed the stream key: not one of them is kept (re-stream target URLs, which do not, are)
		assertThat(everything).doesNotContain("sim-publish.example.com", "sim-global.example.com");
		assertThat(rows("SELECT * FROM livestation.restream_target")).isNotEmpty();
		// every column that keeps records as received was written, so that the search above covered it
		assertThat(List.of(count("SELECT count(*) FROM livestation.channel WHERE payload->>'futureFlag' IS NOT NULL"),
				count("SELECT count(*) FROM livestation.restream_target WHERE payload->>'futureFlag' IS NOT NULL"),
				count("SELECT count(*) FROM livestation.channel_version"),
				count("SELECT count(*) FROM livestation.snapshot WHERE payload#>>'{viewer,name}' = 'drill'"
						+ " AND payload->'viewer'->'urlSignature' IS NULL"),
				count("SELECT count(*) FROM livestation.recording WHERE payload->>'futureFlag' IS NOT NULL"),
				count("SELECT count(*) FROM livestation.channel_event WHERE extra->>'futureFlag' IS NOT NULL"),
				count("SELECT count(*) FROM reporting.api_fields"))).allSatisfy((rows) -> assertThat(rows).isPositive());
		assertThat(count("SELECT count(*) FROM livestation.channel WHERE payload#>>'{relay,auth,0,user}' = 'relay'"
				+ " AND payload->'relay'->'backupStreamKey' IS NULL")).as("the relay's fields, its secrets left behind").isOne();
		assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE extra#>>'{session,region}' = 'KR'"
				+ " AND extra->'session' = '{\"region\": \"KR\"}'")).as("the event's session, its token and URL left behind")
			.isOne();
	}

	@Test
	void theJobRunsAsARoleWithNoSpecialPrivilege() throws Exception {
		// given: a plain login role that owns its database, and nothing else
		String role = "lsarchive_plain_" + Long.toHexString(System.nanoTime());
		String database = role + "_db";
		try (Connection admin = TestDatabase.get().connect(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
			statement.execute("CREATE DATABASE " + database + " OWNER " + role);
		}
		String url = TestDatabase.get().jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 30))) {

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-20", "--spring.datasource.url=" + url,
					"--spring.datasource.username=" + role, "--spring.datasource.password=");

			// then
			assertThat(exitCode).isZero();
		}
		finally {
			try (Connection admin = TestDatabase.get().connect(); Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
				statement.execute("DROP ROLE IF EXISTS " + role);
			}
		}
	}

}
