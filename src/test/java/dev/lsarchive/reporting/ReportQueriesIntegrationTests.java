package dev.lsarchive.reporting;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.lsarchive.normalize.SessionEvents;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatedRecording;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query of db/reports runs against an archive built from known simulator data, and its
 * answer is checked against the answer computed in Java from that data.
 */
class ReportQueriesIntegrationTests {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static SimulatedDataset published;

	private static SimulatedDataset neverPublished;

	private static List<ExpectedSessions.Run> publishedRuns;

	@BeforeAll
	static void archiveKnownData() {
		TestDatabase.get().reset();
		SimulatorProperties busy = SimulatorProperties.of(8, 300);
		try (LiveStationSimulator simulator = Simulators.start(busy)) {
			published = simulator.dataset();
			ArchiveRun.completes(simulator, "2026-11-19");
			publishedRuns = ExpectedSessions.Run.archived(Simulators.NIGHT);
		}
		// three channels that only ever got created, from another account (seed)
		SimulatorProperties idle = busy.toBuilder().seed(99).channels(3).eventsPerChannel(1).snapshotShare(0).threads(4)
			.noOddities()
			.build();
		try (LiveStationSimulator simulator = Simulators.start(idle)) {
			neverPublished = simulator.dataset();
			ArchiveRun.completes(simulator, "2026-11-20");
		}
	}

	@Test
	void publishHoursPerChannelPerWeek() throws IOException {
		// given
		Map<String, BigDecimal> expected = new TreeMap<>();
		Map<String, Long> minutes = new HashMap<>();
		for (ExpectedSessions.Session s : ExpectedSessions.of(published, SessionEvents.PUBLISH, publishedRuns).closed()) {
			LocalDate week = s.start().atZone(SEOUL).toLocalDate().with(DayOfWeek.MONDAY);
			minutes.merge(s.channelId() + " " + week, s.minutes(), Long::sum);
		}
		minutes.forEach((key, total) -> expected.put(key,
				BigDecimal.valueOf(total).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)));

		// when
		Map<String, BigDecimal> actual = new TreeMap<>();
		for (Map<String, Object> row : report("publish_hours_per_channel_per_week.sql")) {
			actual.put(row.get("channel_id") + " " + row.get("week"), (BigDecimal) row.get("publish_hours"));
		}

		// then
		assertThat(actual).isNotEmpty().isEqualTo(expected);
	}

	@Test
	void busiestHours() throws IOException {
		// given
		Map<Integer, Long> starts = new TreeMap<>();
		for (SimulatedEvent event : events(published)) {
			if (event.eventCode().equals("PUBLISH_START")) {
				starts.merge(java.time.Instant.ofEpochMilli(event.timestamp()).atZone(SEOUL).getHour(), 1L, Long::sum);
			}
		}
		List<Integer> expected = starts.entrySet().stream()
			.sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(5).map(Map.Entry::getKey).toList();

		// when
		List<Map<String, Object>> actual = report("busiest_hours.sql");

		// then
		assertThat(actual).extracting((r) -> ((Number) r.get("hour")).intValue()).isEqualTo(expected);
		assertThat(actual).extracting((r) -> ((Number) r.get("publish_starts")).longValue())
			.isEqualTo(expected.stream().map(starts::get).toList());
	}

	@Test
	void channelsThatNeverPublished() throws IOException {
		// given
		List<String> expected = Stream.concat(published.channels().stream(), neverPublished.channels().stream())
			.filter(ReportQueriesIntegrationTests::hasNoPublishStart)
			.map(SimulatedChannel::channelId).sorted().toList();

		// when
		List<Map<String, Object>> actual = report("channels_never_published.sql");

		// then
		assertThat(expected).hasSize(3);
		assertThat(actual).extracting((r) -> r.get("channel_id")).isEqualTo(expected);
	}

	@Test
	void errorEventsPerDay() throws IOException {
		// given
		Map<String, Long> expected = new TreeMap<>();
		for (SimulatedEvent event : events(published)) {
			if (event.logLevel().equals("ERROR")) {
				LocalDate day = java.time.Instant.ofEpochMilli(event.timestamp()).atZone(SEOUL).toLocalDate();
				expected.merge(day + " " + event.eventCode(), 1L, Long::sum);
			}
		}

		// when
		Map<String, Long> actual = report("error_events_per_day.sql").stream()
			.collect(Collectors.toMap((r) -> r.get("day") + " " + r.get("event_code"),
					(r) -> ((Number) r.get("error_events")).longValue(), (a, b) -> a, TreeMap::new));

		// then
		assertThat(actual).isNotEmpty().isEqualTo(expected);
	}

	@Test
	void sessionsLongerThanFourHours() throws IOException {
		// given
		List<String> expected = ExpectedSessions.of(published, SessionEvents.PUBLISH, publishedRuns).closed().stream()
			.filter((s) -> s.minutes() > 4 * 60)
			.sorted(Comparator.comparingLong(ExpectedSessions.Session::minutes).reversed()
				.thenComparing(ExpectedSessions.Session::channelId).thenComparing(ExpectedSessions.Session::start))
			.map((s) -> s.channelId() + " " + s.minutes())
			.toList();

		// when
		List<String> actual = report("sessions_longer_than_n_hours.sql").stream()
			.map((r) -> r.get("channel_id") + " " + r.get("duration_minutes"))
			.toList();

		// then
		assertThat(actual).isNotEmpty().isEqualTo(expected);
	}

	@Test
	void archiveCompleteness() throws IOException {
		// when
		Map<String, Object> actual = report("archive_completeness.sql").get(0);

		// then
		assertThat(actual).containsEntry("first_run_date", Date.valueOf("2026-11-19"))
			.containsEntry("last_run_date", Date.valueOf("2026-11-20"))
			.containsEntry("archived_completely_through", Date.valueOf("2026-11-20"))
			.containsEntry("run_dates_not_completed", 0L);
	}

	@Test
	void everyReportFileSaysWhatItAnswers() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("db/reports"))) {
			assertThat(files.toList()).hasSizeGreaterThanOrEqualTo(6).allSatisfy((file) -> {
				String text = Files.readString(file);
				assertThat(text).startsWith("--").contains("Answers:");
			});
		}
	}

	private static boolean hasNoPublishStart(SimulatedChannel channel) {
		SimulatedDataset dataset = neverPublished.channels().contains(channel) ? neverPublished : published;
		return events(dataset, channel).stream().noneMatch((e) -> e.eventCode().equals("PUBLISH_START"));
	}

	@Test
	void recordedHoursPerChannelPerWeek() throws IOException {
		// given
		Map<String, BigDecimal> minutes = new TreeMap<>();
		for (SimulatedChannel channel : published.channels()) {
			for (SimulatedRecording recording : published.recordingsAt(channel, Simulators.NIGHT.toEpochMilli())) {
				LocalDate week = java.time.Instant.ofEpochMilli(recording.beginTime()).atZone(SEOUL).toLocalDate()
					.with(DayOfWeek.MONDAY);
				BigDecimal recorded = BigDecimal.valueOf(recording.durationSeconds(Simulators.NIGHT.toEpochMilli()))
					.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
				minutes.merge(channel.channelId() + " " + week, recorded, BigDecimal::add);
			}
		}
		Map<String, BigDecimal> expected = new TreeMap<>();
		minutes.forEach((key, total) -> expected.put(key, total.divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)));

		// when
		Map<String, BigDecimal> actual = new TreeMap<>();
		for (Map<String, Object> row : report("recorded_hours_per_channel_per_week.sql")) {
			actual.put(row.get("channel_id") + " " + row.get("week"), (BigDecimal) row.get("recorded_hours"));
		}

		// then
		assertThat(actual).isNotEmpty().isEqualTo(expected);
	}

	@Test
	void recordingsWhoseUploadFailed() throws IOException {
		// given
		List<String> expected = published.channels().stream()
			.flatMap((c) -> published.recordingsAt(c, Simulators.NIGHT.toEpochMilli()).stream())
			.filter((r) -> "TRANSFER_FAIL".equals(r.statusAt(Simulators.NIGHT.toEpochMilli())))
			.map((r) -> r.channelId() + "/" + r.recordId())
			.sorted()
			.toList();

		// when
		List<Map<String, Object>> actual = report("recordings_whose_upload_failed.sql");

		// then
		assertThat(actual).extracting((r) -> r.get("channel_id") + "/" + r.get("record_id")).isNotEmpty()
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(actual).allSatisfy((r) -> assertThat(r.get("failure_seen_at")).isNotNull());
	}

	private static List<Map<String, Object>> report(String file) throws IOException {
		return rows(Files.readString(Path.of("db/reports", file)));
	}

	private static List<SimulatedEvent> events(SimulatedDataset dataset) {
		return dataset.channels().stream().flatMap((c) -> events(dataset, c).stream()).toList();
	}

	private static List<SimulatedEvent> events(SimulatedDataset dataset, SimulatedChannel channel) {
		List<SimulatedEvent> events = new java.util.ArrayList<>();
		for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
			events.add(it.next());
		}
		return events;
	}

}
