package dev.lsarchive.drill;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.EventStream;
import dev.lsarchive.api.LiveStationApiException;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.normalize.StorableText;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ApiSettings;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A corpus of hostile and malformed API payloads. Each record either lands normalized, lands in
 * quarantine with a reason, or fails its request with a clear error after retries: never a crash,
 * never a silent drop, never an unbounded allocation.
 */
class BadInputDrillIntegrationTests {

	private static final long TS = 1_700_000_000_000L;

	/** What must become of a record. */
	enum Fate {

		ARCHIVED, ALREADY_ARCHIVED, QUARANTINED

	}

	record Case(String name, String json, Fate fate, String reason) {
	}

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void everyHostileRecordIsArchivedOrQuarantinedWithAReason() {
		// given: one channel's event list is the corpus
		String tenMegabytes = "x".repeat(10_000_000);
		String overTextBound = "z".repeat(StorableText.TEXT_MAX + 1);
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 10))) {
			String channel = simulator.dataset().channels().get(0).channelId();
			String other = simulator.dataset().channels().get(1).channelId();
			List<Case> corpus = List.of(
					new Case("missing timestamp", "{\"eventCode\":\"PUBLISH_START\",\"logLevel\":\"INFO\"}", Fate.QUARANTINED, "missing timestamp"),
					new Case("null timestamp", ev("\"PUBLISH_START\"", "null"), Fate.QUARANTINED, "missing timestamp"),
					new Case("timestamp as numeric text", ev("\"PUBLISH_END\"", "\"" + (TS + 1) + "\""), Fate.ARCHIVED, null),
					new Case("timestamp as words", ev("\"PUBLISH_END\"", "\"yesterday\""), Fate.QUARANTINED, "not an integer"),
					new Case("negative timestamp", ev("\"X\"", "-" + TS), Fate.QUARANTINED, "outside"),
					new Case("timestamp in seconds", ev("\"ONAIR_START\"", Long.toString(TS / 1000 + 7)), Fate.ARCHIVED, null),
					new Case("timestamp in the year 2999", ev("\"X\"", "32472144000000"), Fate.QUARANTINED, "outside"),
					new Case("timestamp zero", ev("\"X\"", "0"), Fate.QUARANTINED, "outside"),
					new Case("fractional timestamp", ev("\"X\"", TS + ".5"), Fate.QUARANTINED, "not an integer"),
					new Case("timestamp out of range", ev("\"X\"", "1e30"), Fate.QUARANTINED, "not an integer"),
					new Case("missing eventCode", "{\"logLevel\":\"INFO\",\"timestamp\":" + (TS + 2) + "}", Fate.QUARANTINED, "missing eventCode"),
					new Case("null eventCode", ev("null", Long.toString(TS + 3)), Fate.QUARANTINED, "missing eventCode"),
					new Case("numeric eventCode", ev("123", Long.toString(TS + 4)), Fate.ARCHIVED, null),
					new Case("unknown eventCode", ev("\"BRAND_NEW_CODE\"", Long.toString(TS + 5)), Fate.ARCHIVED, null),
					new Case("lower-case eventCode", ev("\"publish_start\"", Long.toString(TS + 6)), Fate.ARCHIVED, null),
					new Case("unknown logLevel", "{\"logLevel\":\"DEBUG\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 8) + "}", Fate.ARCHIVED, null),
					new Case("missing logLevel and description", "{\"eventCode\":\"X\",\"timestamp\":" + (TS + 9) + "}", Fate.ARCHIVED, null),
					new Case("10 MB description", "{\"eventCode\":\"X\",\"description\":\"" + tenMegabytes + "\",\"timestamp\":" + (TS + 10) + "}", Fate.ARCHIVED, null),
					new Case("NUL in the description", "{\"eventCode\":\"X\",\"description\":\"a\\u0000b\",\"timestamp\":" + (TS + 11) + "}", Fate.ARCHIVED, null),
					new Case("description is an object", "{\"eventCode\":\"X\",\"description\":{\"a\":[1,2]},\"timestamp\":" + (TS + 12) + "}", Fate.ARCHIVED, null),
					new Case("empty channelId", "{\"channelId\":\"\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 13) + "}", Fate.ARCHIVED, null),
					new Case("another channel's channelId", "{\"channelId\":\"" + other + "\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 14) + "}", Fate.ARCHIVED, null),
					new Case("nested garbage", "{\"eventCode\":\"X\",\"timestamp\":" + (TS + 15) + ",\"junk\":{\"a\":[1,{\"b\":[[],{}]}],\"c\":null}}", Fate.ARCHIVED, null),
					new Case("emoji and Korean", "{\"eventCode\":\"X\",\"description\":\"🎥 라이브 시작\",\"timestamp\":" + (TS + 16) + "}", Fate.ARCHIVED, null),
					new Case("a number instead of an event", "42", Fate.QUARANTINED, "missing eventCode"),
					new Case("a string instead of an event", "\"oops\"", Fate.QUARANTINED, "missing eventCode"),
					new Case("null instead of an event", "null", Fate.QUARANTINED, "missing eventCode"),
					new Case("an array instead of an event", "[1,2,3]", Fate.QUARANTINED, "missing eventCode"),
					new Case("NUL in the eventCode", ev("\"PUBLISH\\u0000START\"", Long.toString(TS + 18)), Fate.ARCHIVED, null),
					new Case("NUL in the logLevel", "{\"logLevel\":\"IN\\u0000FO\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 19) + "}", Fate.ARCHIVED, null),
					new Case("NUL in the event's channelId", "{\"channelId\":\"ls-20260101000000-NUL\\u0000\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 20) + "}", Fate.ARCHIVED, null),
					new Case("lone surrogates in code and description", "{\"eventCode\":\"X\\ud800\",\"description\":\"a\\udc00b\\ud83c\",\"timestamp\":" + (TS + 21) + "}", Fate.ARCHIVED, null),
					new Case("eventCode of 300 characters", ev("\"" + "C".repeat(300) + "\"", Long.toString(TS + 22)), Fate.QUARANTINED, "eventCode is 300 characters long"),
					new Case("logLevel of 300 characters", "{\"logLevel\":\"" + "L".repeat(300) + "\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 23) + "}", Fate.QUARANTINED, "logLevel is 300 characters long"),
					new Case("channelId of 300 characters", "{\"channelId\":\"ls-" + "9".repeat(297) + "\",\"eventCode\":\"X\",\"timestamp\":" + (TS + 24) + "}", Fate.QUARANTINED, "channelId is 300 characters long"),
					new Case("description over the text bound", "{\"eventCode\":\"X\",\"description\":\"" + overTextBound + "\",\"timestamp\":" + (TS + 25) + "}", Fate.QUARANTINED, "description is " + overTextBound.length() + " characters long"),
					new Case("an event", ev("\"PUBLISH_END\"", Long.toString(TS + 17)), Fate.ARCHIVED, null),
					new Case("the same event again", ev("\"PUBLISH_END\"", Long.toString(TS + 17)), Fate.ALREADY_ARCHIVED, null));
			StringBuilder body = new StringBuilder("{\"content\":[");
			for (int i = 0; i < corpus.size(); i++) {
				body.append((i == 0) ? "" : ",").append(corpus.get(i).json());
			}
			body.append("],\"total\":").append(corpus.size()).append('}');
			simulator.script("/api/v2/events?channelId=" + channel, 200, "application/json;charset=utf-8",
					body.toString().getBytes(StandardCharsets.UTF_8));

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-20", "--archive.max-quarantine-ratio=1");

			// then
			assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
			long archived = corpus.stream().filter((c) -> c.fate() == Fate.ARCHIVED).count();
			long quarantined = corpus.stream().filter((c) -> c.fate() == Fate.QUARANTINED).count();
			long repeated = corpus.stream().filter((c) -> c.fate() == Fate.ALREADY_ARCHIVED).count();
			assertThat(exitCode).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(archived + 2 * 10);
			assertThat(count("SELECT count(*) FROM livestation.quarantine WHERE resource = 'event'")).isEqualTo(quarantined);
			List<String> reasons = rows("SELECT reason FROM livestation.quarantine ORDER BY quarantine_id").stream()
				.map((r) -> (String) r.get("reason")).toList();
			List<String> expectedReasons = corpus.stream().filter((c) -> c.fate() == Fate.QUARANTINED).map(Case::reason).toList();
			for (int i = 0; i < expectedReasons.size(); i++) {
				assertThat(reasons.get(i)).contains(expectedReasons.get(i));
			}
			Map<String, Object> run = rows("SELECT * FROM livestation.archive_run").get(0);
			assertThat(run).containsEntry("events_read", (long) corpus.size() + 2 * 10)
				.containsEntry("events_already_archived", repeated)
				.containsEntry("items_quarantined", quarantined)
				.containsEntry("scaled_timestamps", 1L);
			assertThat(count("SELECT max(length(description)) FROM livestation.channel_event")).isEqualTo(10_000_000);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE description = 'a' || chr(65533) || 'b'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE channel_id = '" + other + "'")).isEqualTo(11);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_code = 'PUBLISH' || chr(65533) || 'START'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE log_level = 'IN' || chr(65533) || 'FO'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE channel_id = 'ls-20260101000000-NUL' || chr(65533)")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_code = 'X' || chr(65533)"
					+ " AND description = 'a' || chr(65533) || 'b' || chr(65533)")).isOne();
		}
	}

	@Test
	void poisonedTextInEveryFieldOfChannelsAndSnapshotsIsCleanedOrQuarantinedNamingTheField() {
		// given: a listing and snapshot answers with NUL, lone surrogates and text over its bound in every field
		String overTextBound = "u".repeat(StorableText.TEXT_MAX + 1);
		String id = "ls-20260101000000-";
		List<String> channels = List.of(
				channelJson(id + "NAME", "\"a\\u0000b\\ud800\"", "\"READY\"", "\"Full\\u0000HD\"", "\"HLS\\udc00\"", null),
				channelJson(id + "STATUS", "\"s\"", "\"PUBLISH\\u0000\"", null, null, null),
				channelJson(id + "ID\\u0000", "\"s\"", "\"READY\"", null, null, null),
				channelJson(id + "EXACT", "\"s\"", "\"PUBLISHING\"", null, null, 71),
				channelJson(id + "LEGACY", "\"s\"", "\"PUBLISH\"", null, null, 72),
				channelJson(id + "LONGURL", "\"s\"", "\"READY\"", null, null, 73),
				channelJson(id + "X".repeat(300), "\"s\"", "\"READY\"", null, null, null),
				channelJson(id + "LONGSTATUS", "\"s\"", "\"" + "R".repeat(300) + "\"", null, null, null));
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			simulator.script("/api/v2/channels?pageNo=1&pageSizeNo=100", 200, "application/json",
					("{\"content\":[" + String.join(",", channels) + "],\"total\":" + channels.size() + "}")
						.getBytes(StandardCharsets.UTF_8));
			scriptSnapshot(simulator, id + "EXACT", 71, "\"https://cdn.example.com/s\\u0000\\ud800.m3u8\"", "\"PUBLISHING\"");
			scriptSnapshot(simulator, id + "LEGACY", 72, "\"https://cdn.example.com/72.m3u8\"", "\"READY\\u0000\"");
			scriptSnapshot(simulator, id + "LONGURL", 73, "\"" + overTextBound + "\"", "\"READY\"");

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-20", "--archive.max-quarantine-ratio=1",
					"--archive.page-size=100");

			// then
			assertThat(exitCode).isZero();
			Map<String, Object> named = rows("SELECT * FROM livestation.channel WHERE channel_id = '" + id + "NAME'").get(0);
			assertThat(named).containsEntry("channel_name", "a\uFFFDb\uFFFD").containsEntry("quality_set_name", "Full\uFFFDHD")
				.containsEntry("output_protocol", "HLS\uFFFD").containsEntry("channel_status_raw", "READY");
			assertThat(rows("SELECT channel_status, channel_status_raw FROM livestation.channel WHERE channel_id = '" + id + "STATUS'"))
				.containsExactly(Map.of("channel_status", "UNKNOWN", "channel_status_raw", "PUBLISH\uFFFD"));
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_id = '" + id + "ID' || chr(65533)")).isOne();
			// the raw status is kept exactly as received, also when it equals the normalized one
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_status_raw = 'PUBLISHING'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_status_raw = 'PUBLISH'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.channel_status_history WHERE channel_status_raw = 'PUBLISHING'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE channel_status_raw = 'PUBLISHING'"
					+ " AND snapshot_url = 'https://cdn.example.com/s' || chr(65533) || chr(65533) || '.m3u8'")).isOne();
			assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE channel_status_raw = 'READY' || chr(65533)")).isOne();
			assertThat(rows("SELECT resource, reason FROM livestation.quarantine ORDER BY resource, reason"))
				.extracting((r) -> r.get("resource") + ": " + ((String) r.get("reason")).replaceAll(" characters long.*", ""))
				.containsExactly("channel: channelId is 318", "channel: channelStatus is 300",
						"snapshot: snapshotUrl is " + overTextBound.length());
			Map<String, Object> run = rows("SELECT * FROM livestation.archive_run").get(0);
			assertThat(run).containsEntry("channels_read", 8L).containsEntry("items_quarantined", 3L);
			assertThat((long) run.get("items_read")).isEqualTo((long) run.get("items_written")
					+ (long) run.get("items_already_archived") + (long) run.get("items_quarantined"));
		}
	}

	@Test
	void aRowTheDatabaseRefusesIsQuarantinedAloneAndTheRestOfItsChunkIsArchived() throws Exception {
		// given: constraints no validation knows of, each refusing one channel, one snapshot and one event
		SimulatorProperties data = SimulatorProperties.of(4, 60);
		try (LiveStationSimulator simulator = Simulators.start(data)) {
			List<SimulatedChannel> channels = simulator.dataset().channels();
			SimulatedChannel refusedChannel = channels.get(3);
			SimulatedChannel withRefusedSnapshot = channels.stream().filter((c) -> c.snapshotId() != null)
				.filter((c) -> c != refusedChannel).findFirst().orElseThrow();
			SimulatedChannel withRefusedEvent = channels.get(0);
			SimulatedEvent refusedEvent = events(simulator, withRefusedEvent).stream()
				.filter((e) -> e.form() == SimulatedEvent.TimestampForm.MILLIS).skip(25).findFirst().orElseThrow();
			long expectedEvents = channels.stream().filter((c) -> c != refusedChannel)
				.mapToLong((c) -> events(simulator, c).stream().filter((e) -> e.form() != SimulatedEvent.TimestampForm.BAD).count())
				.sum() - 1;
			ArchiveRun.migrateOnly();
			try {
				execute("ALTER TABLE livestation.channel ADD CONSTRAINT drill_refuse_channel CHECK (channel_id <> '"
						+ refusedChannel.channelId() + "')",
						"ALTER TABLE livestation.snapshot ADD CONSTRAINT drill_refuse_snapshot CHECK (channel_id <> '"
								+ withRefusedSnapshot.channelId() + "')",
						"ALTER TABLE livestation.channel_event ADD CONSTRAINT drill_refuse_event CHECK (NOT (channel_id = '"
								+ withRefusedEvent.channelId() + "' AND occurred_at = timestamptz 'epoch' + "
								+ refusedEvent.timestamp() + " * interval '1 millisecond'))");

				// when
				int first = ArchiveRun.run(simulator, "2026-11-20", "--archive.event-chunk-size=20",
						"--archive.max-quarantine-ratio=1");
				int second = ArchiveRun.run(simulator, "2026-11-21", "--archive.event-chunk-size=20",
						"--archive.max-quarantine-ratio=1");

				// then: both nights complete; each refused record is quarantined with the database's reason
				assertThat(List.of(first, second)).containsOnly(0);
				assertThat(count("SELECT count(*) FROM livestation.channel")).isEqualTo(3);
				assertThat(count("SELECT count(*) FROM livestation.channel_event")).isEqualTo(expectedEvents);
				assertThat(count("SELECT coalesce(sum(events), 0) FROM reporting.daily_channel_events")).isEqualTo(expectedEvents);
				assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE channel_id = '"
						+ withRefusedEvent.channelId() + "'")).isEqualTo(events(simulator, withRefusedEvent).stream()
							.filter((e) -> e.form() != SimulatedEvent.TimestampForm.BAD).count() - 1);
				assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE channel_id = '"
						+ withRefusedSnapshot.channelId() + "'")).isZero();
				for (String night : List.of("2026-11-20", "2026-11-21")) {
					assertThat(rows("SELECT resource, reason, payload FROM livestation.quarantine WHERE run_date = '" + night
							+ "' AND reason LIKE 'the database refused%' ORDER BY resource"))
						.extracting((r) -> r.get("resource") + " " + r.get("reason"))
						.satisfiesExactly(
								(r) -> assertThat(r).startsWith("channel ").contains("23514").contains("drill_refuse_channel"),
								(r) -> assertThat(r).startsWith("event ").contains("drill_refuse_event"),
								(r) -> assertThat(r).startsWith("snapshot ").contains("drill_refuse_snapshot"));
				}
				assertThat(count("SELECT count(*) FROM livestation.quarantine WHERE resource = 'event'"
						+ " AND payload LIKE '%\"occurredAtMillis\":" + refusedEvent.timestamp() + "%'")).isEqualTo(2);
				for (Map<String, Object> run : rows("SELECT * FROM livestation.archive_run")) {
					assertThat(run).containsEntry("status", "COMPLETED");
					assertThat((long) run.get("items_read")).isEqualTo((long) run.get("items_written")
							+ (long) run.get("items_already_archived") + (long) run.get("items_quarantined"));
				}
			}
			finally {
				execute("ALTER TABLE livestation.channel DROP CONSTRAINT IF EXISTS drill_refuse_channel",
						"ALTER TABLE livestation.snapshot DROP CONSTRAINT IF EXISTS drill_refuse_snapshot",
						"ALTER TABLE livestation.channel_event DROP CONSTRAINT IF EXISTS drill_refuse_event");
			}
		}
	}

	@Test
	void everyBrokenResponseFailsItsRequestWithAClearErrorAfterRetrying() {
		// given: twelve bodies no client should accept
		ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
		invalidUtf8.writeBytes("{\"content\":[{\"eventCode\":\"X\",\"description\":\"".getBytes(StandardCharsets.UTF_8));
		invalidUtf8.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF });
		invalidUtf8.writeBytes("\",\"timestamp\":1700000000000}],\"total\":1}".getBytes(StandardCharsets.UTF_8));
		Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
		bodies.put("HTML error page with status 200", "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
		bodies.put("empty body", new byte[0]);
		bodies.put("truncated JSON", "{\"content\":[{\"eventCode\":\"PUBLISH_START\",\"times".getBytes(StandardCharsets.UTF_8));
		bodies.put("an array instead of an object", "[{\"eventCode\":\"X\"}]".getBytes(StandardCharsets.UTF_8));
		bodies.put("content is null", "{\"content\":null,\"total\":0}".getBytes(StandardCharsets.UTF_8));
		bodies.put("content is an object", "{\"content\":{\"eventCode\":\"X\"}}".getBytes(StandardCharsets.UTF_8));
		bodies.put("no content at all", "{\"total\":3}".getBytes(StandardCharsets.UTF_8));
		bodies.put("invalid UTF-8", invalidUtf8.toByteArray());
		bodies.put("a 20 MB string", ("{\"content\":[{\"description\":\"" + "y".repeat(20_000_000) + "\"}]}").getBytes(StandardCharsets.UTF_8));
		bodies.put("nesting 100,000 deep", ("{\"content\":[" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
		bodies.put("garbage bytes", new byte[] { 0, 1, 2, (byte) 0xFE, (byte) 0xFF, 0x7F });
		bodies.put("a bare number", "12345".getBytes(StandardCharsets.UTF_8));
		List<String> outcomes = new ArrayList<>();
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			LiveStationProperties settings = ApiSettings.of(simulator)
				.readTimeout(Duration.ofSeconds(10))
				.streamTimeout(Duration.ofSeconds(10))
				.maxAttempts(2)
				.backoff(Duration.ofMillis(1), Duration.ofMillis(5))
				.requestsPerSecond(1000)
				.build();
			LiveStationClient client = new LiveStationClient(settings, new ApiCallStats());
			int n = 0;
			for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
				String channel = "ls-20260101000000-BAD" + (n++);
				simulator.script("/api/v2/events?channelId=" + channel, 200, "application/json", body.getValue());
				long before = simulator.requests();

				// when
				Throwable failure = catchThrowable(() -> {
					try (EventStream events = client.events(channel)) {
						while (events.next() != null) {
							// read to the end
						}
					}
				});

				// then
				assertThat(failure).as(body.getKey()).isInstanceOf(LiveStationApiException.class);
				assertThat(failure.getMessage()).as(body.getKey()).contains("malformed").contains(channel);
				assertThat(simulator.requests() - before).as(body.getKey() + ": retried").isBetween(2L, 3L);
				outcomes.add(body.getKey() + ": " + failure.getMessage());
			}
		}
		assertThat(outcomes).hasSize(12);
	}

	private static String channelJson(String channelId, String name, String status, String qualitySetName,
			String outputProtocol, Integer snapshotId) {
		return "{\"channelId\":\"" + channelId + "\",\"channelName\":" + name + ",\"channelStatus\":" + status
				+ ((qualitySetName != null) ? ",\"qualitySetName\":" + qualitySetName : "")
				+ ((outputProtocol != null) ? ",\"outputProtocol\":" + outputProtocol : "")
				+ ((snapshotId != null) ? ",\"snapshot\":{\"snapshotId\":" + snapshotId + "}" : "")
				+ ",\"createdTime\":" + TS + "}";
	}

	private static void scriptSnapshot(LiveStationSimulator simulator, String channelId, int snapshotId, String url,
			String status) {
		long now = System.currentTimeMillis();
		simulator.script("/api/v2/channels/" + channelId + "/snapshot/" + snapshotId, 200, "application/json",
				("{\"content\":{\"channelId\":\"" + channelId + "\",\"channelStatus\":" + status
						+ ",\"snapshot\":{\"snapshotId\":" + snapshotId + ",\"snapshotUrl\":" + url + ",\"createdTime\":"
						+ (now - 60_000) + ",\"expireTime\":" + (now + 3_000_000) + ",\"duration\":1}}}")
					.getBytes(StandardCharsets.UTF_8));
	}

	private static List<SimulatedEvent> events(LiveStationSimulator simulator, SimulatedChannel channel) {
		List<SimulatedEvent> events = new ArrayList<>();
		simulator.dataset().events(channel).forEachRemaining(events::add);
		return events;
	}

	private static void execute(String... statements) throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String ev(String code, String timestamp) {
		return "{\"logLevel\":\"INFO\",\"eventCode\":" + code + ",\"description\":\"d\",\"timestamp\":" + timestamp + "}";
	}

}
