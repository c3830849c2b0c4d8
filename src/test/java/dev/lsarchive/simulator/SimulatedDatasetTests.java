package dev.lsarchive.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo account's generated history looks like a real account's. */
class SimulatedDatasetTests {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final Instant ANCHOR = Instant.parse("2026-11-20T00:00:00Z");

	@Test
	void theDemoAccountPublishesInShortEveningSessionsWithIdleDaysBetween() throws Exception {
		// given: the demo profile's account
		SimulatorProperties demo = demoProperties();
		SimulatedDataset dataset = new SimulatedDataset(demo, ANCHOR);

		// when
		List<Session> sessions = new ArrayList<>();
		List<String> neverPublished = new ArrayList<>();
		List<String> onAirAtTheEnd = new ArrayList<>();
		for (SimulatedChannel channel : dataset.channels()) {
			List<SimulatedEvent> events = new ArrayList<>();
			dataset.events(channel).forEachRemaining(events::add);
			assertThat(events).as("events of %s", channel).hasSize(demo.eventsPerChannel());
			Instant start = null;
			boolean published = false;
			for (SimulatedEvent event : events) {
				Instant at = Instant.ofEpochMilli(event.timestamp());
				if (event.eventCode().equals("PUBLISH_START")) {
					assertThat(start).as("a start while %s is on air", channel).isNull();
					start = at;
					published = true;
				}
				else if (event.eventCode().equals("PUBLISH_END")) {
					sessions.add(new Session(channel.channelId(), start, at));
					start = null;
				}
			}
			if (!published) {
				neverPublished.add(channel.status());
			}
			if (start != null) {
				onAirAtTheEnd.add(channel.status());
			}
		}

		// then: 20 minutes to 6 hours, mostly on an evening in Seoul, never two on a day, idle days between
		assertThat(sessions).hasSizeGreaterThan(300).allSatisfy((s) -> assertThat(s.duration())
			.isBetween(Duration.ofMinutes(20), Duration.ofHours(6)));
		assertThat(sessions.stream().filter((s) -> s.start().atZone(SEOUL).getHour() >= 17).count())
			.isGreaterThan(sessions.size() * 3 / 4);
		List<Duration> idle = new ArrayList<>();
		for (int i = 1; i < sessions.size(); i++) {
			Session before = sessions.get(i - 1);
			Session after = sessions.get(i);
			if (before.channelId().equals(after.channelId())) {
				assertThat(day(after.start())).isAfter(day(before.end()));
				idle.add(Duration.between(before.end(), after.start()));
			}
		}
		assertThat(idle.stream().sorted().toList().get(idle.size() / 2)).isGreaterThan(Duration.ofDays(1));
		// a few channels never publish; the history ends on air exactly for the channels listed as publishing
		assertThat(neverPublished).hasSizeBetween(1, 5).doesNotContain("PUBLISHING");
		assertThat(onAirAtTheEnd).containsOnly("PUBLISHING")
			.hasSize((int) dataset.channels().stream().filter((c) -> c.status().equals("PUBLISHING")).count());
	}

	@Test
	void aLargeAccountKeepsItsSessionsPackedOverTheWindowWithEveryEvent() {
		// given: more sessions than days
		SimulatedDataset dataset = new SimulatedDataset(SimulatorProperties.of(2, 2_000), ANCHOR);

		// when
		long events = 0;
		long first = Long.MAX_VALUE;
		long last = 0;
		for (SimulatedChannel channel : dataset.channels()) {
			for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
				long at = it.next().timestamp();
				first = Math.min(first, at);
				last = Math.max(last, at);
				events++;
			}
		}

		// then
		assertThat(events).isEqualTo(2 * 2_000);
		assertThat(Duration.ofMillis(last - first)).isGreaterThan(Duration.ofDays(60));
		assertThat(last).isLessThan(ANCHOR.toEpochMilli());
	}

	private static LocalDate day(Instant at) {
		return at.atZone(SEOUL).toLocalDate();
	}

	@Test
	void theDemoAccountSendsAFieldOfItsOwnOnEveryRecordAndOneInsideAnObject() throws Exception {
		// when
		List<String> extraFields = demoProperties().extraFields();

		// then
		assertThat(extraFields).anyMatch((name) -> !name.contains("."))
			.anyMatch((name) -> name.contains("."));
		assertThat(ExtraFields.problems(extraFields)).isEmpty();
	}

	private static SimulatorProperties demoProperties() throws Exception {
		Properties demo = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-demo.properties"));
		return new Binder(new MapConfigurationPropertySource(demo)).bindOrCreate("simulator", SimulatorProperties.class);
	}

	private record Session(String channelId, Instant start, Instant end) {

		Duration duration() {
			return Duration.between(this.start, this.end);
		}

	}

}
