package dev.lsarchive.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing Live Station says is dropped: fields the API starts sending, top-level and nested, on every
 * resource, reach the archive's payloads (an event's in {@code extra}) the next night, are listed in
 * {@code reporting.api_fields} with that night, and are announced once; a channel's configuration
 * has versions that a changed quality set opens and a changed publish counter does not; a re-run
 * writes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordsKeptAsReceivedIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern NOTE = Pattern.compile("(?m)^  NOTE new API field (\\S+)$");

	// what the simulator adds to every record it serves, and the paths of it that no record had before
	private static final List<String> ADDED = List.of("futureFlag", "cdn.edgeRegion");

	private static final List<String> NEW_FIELDS = List.of("channel.cdn.edgeRegion", "channel.futureFlag", "event.cdn",
			"event.cdn.edgeRegion", "event.futureFlag", "recording.cdn", "recording.cdn.edgeRegion",
			"recording.futureFlag", "restream_target.cdn", "restream_target.cdn.edgeRegion",
			"restream_target.futureFlag", "snapshot.cdn", "snapshot.cdn.edgeRegion", "snapshot.futureFlag");

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void fieldsTheApiStartsSendingAreKeptListedAndAnnouncedOnceAndAConfigurationChangeOpensAVersion(
			CapturedOutput output) throws Exception {
		// given: an account that lives on (new events every day), served first as it is, then with fields
		// of its own in every record
		SimulatorProperties plain = SimulatorProperties.of(18, 60).toBuilder().eventsPerDay(24).build();
		SimulatorProperties extended = plain.toBuilder().extraFields(ADDED).build();
		try (LiveStationSimulator before = start(plain); LiveStationSimulator after = start(extended)) {
			SimulatedDataset dataset = before.dataset();
			assertThat(dataset.channels()).extracting(SimulatedChannel::kind).contains("LIVE", "RE_STREAM");

			// when: a night as the account was, the next with its new fields
			String first = night(output, before, 1, "2026-12-01");
			String second = night(output, after, 2, "2026-12-02");

			// then: the first night is the baseline, announced nothing; the second announced each new field once
			assertThat(count("SELECT count(DISTINCT resource) FROM reporting.api_fields")).as("every resource seen")
				.isEqualTo(5);
			assertThat(NOTE.matcher(first).results()).isEmpty();
			assertThat(NOTE.matcher(second).results().map((note) -> note.group(1)).toList())
				.containsExactlyElementsOf(NEW_FIELDS);
			assertThat(rows("SELECT resource || '.' || path AS field, first_seen_run_date::text AS night, is_mapped"
					+ " FROM reporting.api_fields WHERE is_announced ORDER BY resource, path"))
				.extracting((row) -> row.get("field") + "@" + row.get("night") + ",mapped=" + row.get("is_mapped"))
				.containsExactlyElementsOf(NEW_FIELDS.stream().map((field) -> field + "@2026-12-02,mapped=false").toList());
			assertThat(count("SELECT count(*) FROM reporting.api_fields WHERE first_seen_run_date = '2026-12-01'"
					+ " AND (is_announced OR last_seen_run_date <> '2026-12-02')")).isZero();
			assertThat(count("SELECT count(*) FROM reporting.api_fields WHERE resource = 'channel' AND is_mapped"
					+ " AND path IN ('qualitySetName', 'channelStatus')")).isEqualTo(2);
			assertThat(count("SELECT count(*) FROM reporting.api_fields WHERE resource = 'channel' AND NOT is_mapped"
					+ " AND path IN ('qualitySetId', 'cdn.cdnType', 'immediateOnAir')")).isEqualTo(3);
			assertThat(count("SELECT records FROM reporting.api_fields WHERE resource = 'channel' AND path = 'futureFlag'"))
				.isEqualTo(count("SELECT count(*) FROM livestation.listed_channel WHERE run_date = '2026-12-02'"));
			assertThat(newFieldCounts("2026-12-02")).containsExactly(5L, 3L, 3L, 3L);
			assertThat(newFieldCounts("2026-12-01")).containsExactly(0L, 0L, 0L, 0L);

			// then: every resource keeps the new fields the night after they appeared
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE payload->>'futureFlag' = 'simulated futureFlag'"
					+ " AND payload#>>'{cdn,edgeRegion}' = 'simulated cdn.edgeRegion'"))
				.isEqualTo(count("SELECT count(*) FROM livestation.listed_channel WHERE run_date = '2026-12-02'"))
				.isPositive();
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_type = 'LIVE'"
					+ " AND (payload->>'qualitySetId')::int BETWEEN 1 AND 3")).isPositive();
			assertThat(count("SELECT count(*) FROM livestation.restream_target"
					+ " WHERE payload->>'futureFlag' IS NULL OR payload->'targetName' IS NULL")).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_type = 'RE_STREAM'"
					+ " AND jsonb_array_length(payload->'restream') = platform_count")).isPositive();
			String extra = "{\"futureFlag\": \"simulated futureFlag\", \"cdn\": {\"edgeRegion\": \"simulated cdn.edgeRegion\"}}";
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE extra = '" + extra + "'::jsonb"))
				.as("the second night's events, each with its fields beyond the mapped ones")
				.isEqualTo(written("2026-12-02", "events_written"))
				.isPositive();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE extra IS NULL"))
				.as("the first night's events: nothing beyond the mapped fields")
				.isEqualTo(written("2026-12-01", "events_written"));
			assertThat(count("SELECT count(*) FROM livestation.snapshot WHERE payload->>'futureFlag' IS NOT NULL"
					+ " AND payload#>>'{snapshot,snapshotUrl}' = snapshot_url")).isPositive();
			assertThat(count("SELECT count(*) FROM livestation.recording WHERE payload->>'futureFlag' IS NOT NULL"
					+ " AND payload#>>'{cdn,edgeRegion}' IS NOT NULL AND payload->>'recordId' = record_id")).isPositive();
			assertThat(count("SELECT count(*) FROM livestation.recording WHERE payload->>'recordId' IS DISTINCT FROM record_id"
					+ " OR payload_sha256 IS NULL"))
				.as("each recording's own payload").isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE payload->>'channelId' IS DISTINCT FROM channel_id"))
				.as("each channel's own payload").isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_version WHERE changed_fields @> '{cdn,futureFlag}'"
					+ " AND valid_from = (SELECT started_at FROM livestation.archive_run WHERE run_date = '2026-12-02')"))
				.as("a field Live Station starts sending is a change of configuration")
				.isEqualTo(count("SELECT count(*) FROM livestation.channel_version WHERE valid_to IS NOT NULL"))
				.isPositive();

			// given: the third night's listings as the second night's, but one live channel's quality set
			// changed and one re-stream channel's publish counter moved on
			Map<String, Object> live = rows("SELECT channel_id, payload::text AS payload FROM livestation.channel"
					+ " WHERE channel_type = 'LIVE' ORDER BY channel_id LIMIT 1").get(0);
			Map<String, Object> restream = rows("SELECT channel_id, payload::text AS payload FROM livestation.channel"
					+ " WHERE channel_type = 'RE_STREAM' ORDER BY channel_id LIMIT 1").get(0);
			String liveId = (String) live.get("channel_id");
			String restreamId = (String) restream.get("channel_id");
			ObjectNode requalified = (ObjectNode) JSON.readTree((String) live.get("payload"));
			int qualitySet = requalified.get("qualitySetId").asInt() % 3 + 1;
			requalified.put("qualitySetId", qualitySet).put("qualitySetName", "Quality set " + qualitySet);
			ObjectNode published = (ObjectNode) JSON.readTree((String) restream.get("payload"));
			published.remove("restream");
			published.put("totalPublishSeconds", published.get("totalPublishSeconds").asLong() + 3600);
			listing(after, "/api/v2/channels", "LIVE", liveId, requalified);
			listing(after, "/api/v2/re-stream/channels", "RE_STREAM", restreamId, published);
			listing(after, "/api/v2/vod/channels", "VOD2LIVE", null, null);
			long versionsBefore = count("SELECT count(*) FROM livestation.channel_version");

			// when
			String third = night(output, after, 3, "2026-12-03");

			// then: the quality set opened a version of its channel, naming what changed; the counter did not
			assertThat(NOTE.matcher(third).results()).as("a field is announced once").isEmpty();
			// (its listings carry the second night's snapshots, archived already: no snapshot info is asked, none counted)
			assertThat(newFieldCounts("2026-12-03")).containsExactly(0L, 0L, -1L, 0L);
			assertThat(written("2026-12-03", "channels_written")).isEqualTo(2);
			assertThat(count("SELECT count(*) FROM livestation.channel_version")).isEqualTo(versionsBefore + 1);
			assertThat(rows("SELECT channel_id, changed_fields::text AS changed, payload->>'qualitySetId' AS quality_set"
					+ " FROM livestation.channel_version WHERE valid_to IS NULL AND valid_from ="
					+ " (SELECT started_at FROM livestation.archive_run WHERE run_date = '2026-12-03')"))
				.containsExactly(Map.of("channel_id", liveId, "changed", "{qualitySetId,qualitySetName}", "quality_set",
						String.valueOf(qualitySet)));
			assertThat(count("SELECT count(*) FROM livestation.channel_version WHERE channel_id = '" + restreamId + "'"))
				.isEqualTo(2);
			assertThat(count("SELECT count(*) FROM livestation.channel WHERE channel_id = '" + restreamId + "'"
					+ " AND (payload->>'totalPublishSeconds')::bigint = total_publish_seconds"
					+ " AND total_publish_seconds = " + published.get("totalPublishSeconds").asLong())).isOne();

			// when: the third night again
			String kept = keptState();
			String rerun = night(output, after, 3, "2026-12-03", "--archive.rerun=true");

			// then: it writes nothing new
			assertThat(NOTE.matcher(rerun).results()).isEmpty();
			assertThat(rows("SELECT items_written FROM livestation.archive_run WHERE run_date = '2026-12-03'"
					+ " ORDER BY job_execution_id")).extracting((row) -> row.get("items_written")).element(1).isEqualTo(0L);
			assertThat(keptState()).isEqualTo(kept);
		}
	}

	private static LiveStationSimulator start(SimulatorProperties properties) {
		LiveStationSimulator simulator = Simulators.start(properties);
		simulator.acceptAccountClockSignatures();
		return simulator;
	}

	// the night-th night of the account, two hours into its day; what the run printed
	private static String night(CapturedOutput output, LiveStationSimulator simulator, int night, String runDate,
			String... args) {
		Instant at = simulator.dataset().liveFrom().plus(Duration.ofDays(night)).plus(Duration.ofHours(2));
		simulator.setTime(at);
		int before = output.getAll().length();
		assertThat(ArchiveRun.runWithClock(Clock.fixed(at, ZoneOffset.UTC), simulator, simulator.accessKey(),
				simulator.secretKey(), runDate, args)).isZero();
		return output.getAll().substring(before);
	}

	// the listing of one kind as the archive last received it, one channel replaced (none: every one as it was)
	private static void listing(LiveStationSimulator simulator, String path, String kind, String channelId,
			ObjectNode replaced) {
		List<String> channels = new ArrayList<>();
		for (Map<String, Object> row : rows("SELECT channel_id, (payload - 'restream')::text AS payload"
				+ " FROM livestation.channel WHERE channel_type = '" + kind + "' AND channel_id IN"
				+ " (SELECT channel_id FROM livestation.listed_channel WHERE run_date = '2026-12-02') ORDER BY channel_id")) {
			channels.add(row.get("channel_id").equals(channelId) ? replaced.toString() : (String) row.get("payload"));
		}
		simulator.script(path + "?pageNo=1&pageSizeNo=100", 200, "application/json",
				("{\"content\":[" + String.join(",", channels) + "],\"total\":" + channels.size() + "}")
					.getBytes(StandardCharsets.UTF_8));
	}

	// what each resource counted as new fields on a run date: channels, events, snapshots, recordings
	private static List<Long> newFieldCounts(String runDate) {
		Map<String, Object> row = rows("SELECT coalesce((counts->>'channels.new_fields')::bigint, -1) AS channels,"
				+ " coalesce((counts->>'events.new_fields')::bigint, -1) AS events,"
				+ " coalesce((counts->>'snapshots.new_fields')::bigint, -1) AS snapshots,"
				+ " coalesce((counts->>'recordings.new_fields')::bigint, -1) AS recordings"
				+ " FROM livestation.archive_run WHERE run_date = '" + runDate + "' ORDER BY job_execution_id LIMIT 1").get(0);
		return List.of((Long) row.get("channels"), (Long) row.get("events"), (Long) row.get("snapshots"),
				(Long) row.get("recordings"));
	}

	private static long written(String runDate, String column) {
		return count("SELECT " + column + " FROM livestation.archive_run WHERE run_date = '" + runDate + "'"
				+ " ORDER BY job_execution_id LIMIT 1");
	}

	// every payload, extra and version, and when each row was last written
	private static String keptState() {
		return rows("""
				SELECT
				  (SELECT md5(string_agg(concat_ws('|', channel_id, payload, last_archived_at), ',' ORDER BY channel_id))
				   FROM livestation.channel) AS channels,
				  (SELECT md5(string_agg(concat_ws('|', channel_id, target_name, rtmp_url, payload, last_archived_at), ','
				   ORDER BY channel_id, target_name, rtmp_url)) FROM livestation.restream_target) AS targets,
				  (SELECT md5(string_agg(concat_ws('|', channel_id, snapshot_id, payload, last_archived_at), ','
				   ORDER BY channel_id, snapshot_id)) FROM livestation.snapshot) AS snapshots,
				  (SELECT md5(string_agg(concat_ws('|', channel_id, record_id, payload, last_archived_at), ','
				   ORDER BY channel_id, record_id)) FROM livestation.recording) AS recordings,
				  (SELECT md5(string_agg(concat_ws('|', event_key, extra), ',' ORDER BY event_key))
				   FROM livestation.channel_event) AS events,
				  (SELECT md5(string_agg(concat_ws('|', channel_id, valid_from, valid_to, payload, changed_fields), ','
				   ORDER BY channel_id, valid_from)) FROM livestation.channel_version) AS versions
				""").toString();
	}

}
