package dev.lsarchive.event;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.contentChecksum;
import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event list received again byte for byte is not parsed again, and the ledger still accounts
 * for every one of its events; any change, or a quarantined event, makes the list be read in full.
 */
class EventListFingerprintIntegrationTests {

	private static final SimulatorProperties DATA = SimulatorProperties.of(8, 100);

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void anUnchangedNightCountsEveryEventAsAlreadyArchivedWithoutParsingIt() {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// given
			ArchiveRun.completes(simulator, "2026-11-20");
			String archive = contentChecksum();
			long requestsBefore = simulator.requests();

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-21");

			// then
			assertThat(exitCode).isZero();
			assertThat(contentChecksum()).isEqualTo(archive);
			assertThat(lastRun()).containsEntry("event_lists_unchanged", 8L)
				.containsEntry("events_read", 800L)
				.containsEntry("events_written", 0L)
				.containsEntry("events_already_archived", 800L);
			assertThat(simulator.requests() - requestsBefore).as("every list is still fetched").isGreaterThanOrEqualTo(8);
		}
	}

	@Test
	void aDigestRecordedByAnEarlierVersionMakesItsListBeReadOnceAndFingerprintedAnew() {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// given an archive whose lists were recorded with a SHA-256 of their bodies (before V25)
			ArchiveRun.completes(simulator, "2026-11-20");
			assertThat(rows("UPDATE livestation.event_list_fingerprint SET digest = sha256(digest) RETURNING channel_id")).hasSize(8);
			String archive = contentChecksum();

			// when
			ArchiveRun.completes(simulator, "2026-11-21");
			Map<String, Object> upgraded = lastRun();
			ArchiveRun.completes(simulator, "2026-11-22");

			// then the night after the upgrade reads every list, writes nothing, and the next one skips them all again
			assertThat(upgraded).containsEntry("event_lists_unchanged", 0L)
				.containsEntry("events_written", 0L)
				.containsEntry("events_already_archived", 800L);
			assertThat(contentChecksum()).isEqualTo(archive);
			assertThat(count("SELECT count(*) FROM livestation.event_list_fingerprint WHERE length(digest) = 16")).isEqualTo(8);
			assertThat(lastRun()).containsEntry("event_lists_unchanged", 8L);
		}
	}

	@Test
	void aChangedListIsReadInFullAndOnlyItsNewEventIsWritten() throws Exception {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// given: the archive of one night, then one channel's list grows by an event
			ArchiveRun.completes(simulator, "2026-11-20");
			String channel = simulator.dataset().channels().get(2).channelId();
			simulator.script("/api/v2/events?channelId=" + channel, 200, "application/json",
					archivedList(channel, true));

			// when
			int secondNight = ArchiveRun.run(simulator, "2026-11-21");
			Map<String, Object> second = lastRun();
			List<Map<String, Object>> eventFields = rows("SELECT path, records, last_seen_run_date"
					+ " FROM reporting.api_fields WHERE resource = 'event' ORDER BY path");
			int thirdNight = ArchiveRun.run(simulator, "2026-11-22");

			// then
			assertThat(secondNight).isZero();
			assertThat(second).containsEntry("event_lists_unchanged", 7L)
				.containsEntry("events_read", 801L)
				.containsEntry("events_written", 1L)
				.containsEntry("events_already_archived", 800L);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_code = 'LATE_ARRIVAL'")).isOne();
			assertThat(eventFields).as("the fields of the one event archived, not of the 100 read again")
				.isNotEmpty()
				.allSatisfy((field) -> assertThat(field).containsEntry("records", 1L)
					.containsEntry("last_seen_run_date", java.sql.Date.valueOf("2026-11-21")));
			assertThat(thirdNight).isZero();
			assertThat(lastRun()).as("the grown list is known from then on").containsEntry("event_lists_unchanged", 8L)
				.containsEntry("events_read", 801L);
		}
	}

	@Test
	void aListReadAgainWithoutANewEventOrFieldWritesNothing() throws Exception {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// given: the archive of one night, then one channel's list arrives in another order
			ArchiveRun.completes(simulator, "2026-11-20");
			String channel = simulator.dataset().channels().get(2).channelId();
			simulator.script("/api/v2/events?channelId=" + channel, 200, "application/json",
					archivedList(channel, false));
			String fields = "SELECT path, records, last_seen_run_date, xmin::text AS version"
					+ " FROM reporting.api_fields WHERE resource = 'event' ORDER BY path";
			List<Map<String, Object>> before = rows(fields);

			// when
			ArchiveRun.completes(simulator, "2026-11-21");

			// then: read and parsed whole, and nothing of it written, not even the fields seen
			assertThat(lastRun()).containsEntry("event_lists_unchanged", 7L)
				.containsEntry("events_read", 800L)
				.containsEntry("events_already_archived", 800L);
			assertThat(rows(fields)).isNotEmpty().isEqualTo(before);
		}
	}

	@Test
	void aListWithQuarantinedEventsIsJudgedAgainEveryNight() {
		try (LiveStationSimulator simulator = Simulators.start(DATA.withOddities(0, 0.01))) {
			// given
			ArchiveRun.completes(simulator, "2026-11-20");
			long quarantined = count("SELECT count(*) FROM livestation.quarantine WHERE run_date = '2026-11-20'");
			long listsWithBadEvents = count("SELECT count(DISTINCT endpoint) FROM livestation.quarantine");
			assertThat(listsWithBadEvents).isPositive().isLessThan(8);

			// when
			ArchiveRun.completes(simulator, "2026-11-21");

			// then
			assertThat(count("SELECT count(*) FROM livestation.quarantine WHERE run_date = '2026-11-21'"))
				.isEqualTo(quarantined);
			assertThat(lastRun()).containsEntry("event_lists_unchanged", 8 - listsWithBadEvents);
			assertThat(count("SELECT count(*) FROM livestation.event_list_fingerprint")).isEqualTo(8 - listsWithBadEvents);
		}
	}

	@Test
	void skippingCanBeTurnedOffToReadEveryEventAgain() {
		try (LiveStationSimulator simulator = Simulators.start(DATA)) {
			// given
			ArchiveRun.completes(simulator, "2026-11-20");

			// when
			int exitCode = ArchiveRun.run(simulator, "2026-11-21", "--archive.skip-unchanged-event-lists=false");

			// then
			assertThat(exitCode).isZero();
			assertThat(lastRun()).containsEntry("event_lists_unchanged", 0L)
				.containsEntry("events_read", 800L)
				.containsEntry("events_already_archived", 800L);
		}
	}

	private static Map<String, Object> lastRun() {
		return rows("SELECT * FROM livestation.archive_run ORDER BY job_execution_id DESC").get(0);
	}

	// the channel's archived events as the API would send them, and one more; else newest first
	private static byte[] archivedList(String channel, boolean plusOneEvent) {
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode body = json.createObjectNode();
		ArrayNode content = body.putArray("content");
		List<Map<String, Object>> events = rows("SELECT event_code, log_level, description, occurred_at"
				+ " FROM livestation.channel_event WHERE channel_id = '" + channel + "' ORDER BY occurred_at"
				+ (plusOneEvent ? "" : " DESC"));
		for (Map<String, Object> event : events) {
			content.addObject()
				.put("channelId", channel)
				.put("logLevel", (String) event.get("log_level"))
				.put("eventCode", (String) event.get("event_code"))
				.put("description", (String) event.get("description"))
				.put("timestamp", ((Timestamp) event.get("occurred_at")).getTime());
		}
		if (plusOneEvent) {
			content.addObject()
				.put("channelId", channel)
				.put("logLevel", "INFO")
				.put("eventCode", "LATE_ARRIVAL")
				.put("description", "an event the API reported late")
				.put("timestamp", Simulators.ANCHOR.toEpochMilli() - 1_000);
		}
		body.put("total", content.size());
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

}
