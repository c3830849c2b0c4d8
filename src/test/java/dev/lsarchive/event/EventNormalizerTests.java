package dev.lsarchive.event;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.EventDto;
import dev.lsarchive.api.Payload;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.StorableText;

import static org.assertj.core.api.Assertions.assertThat;

class EventNormalizerTests {

	private static final String CHANNEL = "ls-20200313162828-G60tN";

	private final EventNormalizer normalizer = new EventNormalizer(
			Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void normalizesTheDocumentedExample() {
		// given
		EventDto event = new EventDto(CHANNEL, null, "INFO", "PUBLISH_START",
				"You have started publishing channel " + CHANNEL + ".", "1585572599000", Payload.of("{}"));

		// when
		EventRow row = archived(this.normalizer.process(event));

		// then
		assertThat(row.channelId()).isEqualTo(CHANNEL);
		assertThat(row.channelSource()).isEqualTo("request");
		assertThat(row.eventCode()).isEqualTo("PUBLISH_START");
		assertThat(row.logLevel()).isEqualTo("INFO");
		assertThat(row.occurredAtMillis()).isEqualTo(1585572599000L);
		assertThat(row.timestampScaled()).isFalse();
	}

	@Test
	void upperCasesMixedCaseCodesAndLevels() {
		// when
		EventRow row = archived(this.normalizer.process(
				new EventDto(CHANNEL, CHANNEL, " info ", " PUBLISH_Start ", "x", "1585572599000", Payload.of("{}"))));

		// then
		assertThat(row.eventCode()).isEqualTo("PUBLISH_START");
		assertThat(row.logLevel()).isEqualTo("INFO");
	}

	@Test
	void keepsUnknownCodes() {
		assertThat(archived(this.normalizer.process(
				new EventDto(CHANNEL, null, "INFO", "brand_new_code", "x", "1585572599000", Payload.of("{}")))).eventCode())
			.isEqualTo("BRAND_NEW_CODE");
	}

	@Test
	void prefersTheEventsOwnChannelThenTheRequestThenTheDescription() {
		// when
		EventRow own = archived(this.normalizer.process(
				new EventDto("ls-other", "ls-20260101000000-AAAAA", "INFO", "X", "d", "1585572599000", Payload.of("{}"))));
		EventRow fromDescription = archived(this.normalizer.process(new EventDto(null, null, "INFO", "ONAIR_END",
				CHANNEL + " Channel recording has ended.", "1585559598000", Payload.of("{}"))));

		// then
		assertThat(own.channelId()).isEqualTo("ls-20260101000000-AAAAA");
		assertThat(own.channelSource()).isEqualTo("event");
		assertThat(fromDescription.channelId()).isEqualTo(CHANNEL);
		assertThat(fromDescription.channelSource()).isEqualTo("description");
	}

	@Test
	void quarantinesAnEventWithNoChannelAnywhere() {
		// when
		Outcome<EventRow> outcome = this.normalizer.process(
				new EventDto(null, null, "INFO", "PUBLISH_END", "publishing has ended.", "1585559611000", Payload.of("{\"a\":1}")));

		// then
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Quarantine.class, (q) -> {
			assertThat(q.record().reason()).startsWith("no channel");
			assertThat(q.record().payload()).isEqualTo("{\"a\":1}");
			assertThat(q.record().endpoint()).isEqualTo("GET /api/v2/events");
		});
	}

	@Test
	void quarantinesMissingCodesAndUnusableTimestamps() {
		assertThat(reason(new EventDto(CHANNEL, null, "INFO", " ", "d", "1585559611000", Payload.of("{}"))))
			.isEqualTo("missing eventCode");
		assertThat(reason(new EventDto(CHANNEL, null, "INFO", "X", "d", null, Payload.of("{}")))).isEqualTo("missing timestamp");
		assertThat(reason(new EventDto(CHANNEL, null, "INFO", "X", "d", "-5", Payload.of("{}")))).contains("outside");
		assertThat(reason(new EventDto(CHANNEL, null, "INFO", "X", "d", "{\"n\":1}", Payload.of("{}")))).contains("not an integer");
	}

	@Test
	void scalesSecondsAndFlagsThem() {
		EventRow row = archived(
				this.normalizer.process(new EventDto(CHANNEL, null, "INFO", "X", "d", "1585572599", Payload.of("{}"))));
		assertThat(row.occurredAtMillis()).isEqualTo(1585572599000L);
		assertThat(row.timestampScaled()).isTrue();
	}

	@Test
	void theSameEventHasTheSameKeyWhateverItsCaseOrSource() {
		// when
		EventRow fromList = archived(this.normalizer.process(
				new EventDto(null, CHANNEL, "INFO", "PUBLISH_Start", "d", "1585572599000", Payload.of("{}"))));
		EventRow fromChannel = archived(this.normalizer.process(
				new EventDto(CHANNEL, null, "info", "PUBLISH_START", "d", "1585572599000", Payload.of("{}"))));
		EventRow later = archived(this.normalizer.process(
				new EventDto(CHANNEL, null, "INFO", "PUBLISH_START", "d", "1585572599001", Payload.of("{}"))));

		// then
		assertThat(fromList.eventKey()).isEqualTo(fromChannel.eventKey()).isNotEqualTo(later.eventKey());
	}

	@Test
	void keysStayTheDocumentedNameBasedUuidSoThatArchivedEventsAreRecognized() {
		// given: the derivation the archive's comment documents, over text of every kind
		String[][] events = { { CHANNEL, "PUBLISH_START", "INFO", "d" }, { CHANNEL, "X", null, null },
				{ "ls-채널", "ONAIR_END", "ERROR", "녹화가 종료되었습니다 \uD83C\uDFA5 \t\\" },
				{ CHANNEL, "Y", "INFO", "unpaired \uD800 surrogate" } };
		for (String[] event : events) {
			String joined = event[0] + '\u0000' + event[1] + '\u0000' + ((event[2] != null) ? event[2] : "") + '\u0000'
					+ ((event[3] != null) ? event[3] : "") + '\u0000' + 1585572599123L;

			// when
			UUID key = EventNormalizer.key(event[0], event[1], event[2], event[3], 1585572599123L);

			// then
			assertThat(key).isEqualTo(UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void anEventArchivedFromItsCallbackIsKeyedByItsIdApartFromEveryPulledEvent() {
		// when
		UUID key = EventNormalizer.callbackKey(1234);

		// then: the documented derivation, stable, and not the key of a pulled event named like it
		assertThat(key).isEqualTo(UUID.nameUUIDFromBytes("callback\u00001234".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo(EventNormalizer.callbackKey(1234))
			.isNotEqualTo(EventNormalizer.callbackKey(1235))
			.isNotEqualTo(EventNormalizer.key("callback", "1234", null, null, 1234));
	}

	@Test
	void replacesNulCharactersPostgresCannotStore() {
		assertThat(archived(this.normalizer.process(
				new EventDto(CHANNEL, null, "INFO", "X", "a\u0000b", "1585572599000", Payload.of("{}")))).description())
			.isEqualTo("a\uFFFDb");
	}

	@Test
	void cleansNulAndLoneSurrogatesInEveryTextField() {
		// when
		EventRow row = archived(this.normalizer.process(new EventDto(null, "ls-1\u0000", "in\u0000fo",
				"PUBLISH\u0000START", "\uDC00d\uD83C", "1585572599000", Payload.of("{}"))));

		// then
		assertThat(row.channelId()).isEqualTo("ls-1\uFFFD");
		assertThat(row.logLevel()).isEqualTo("IN\uFFFDFO");
		assertThat(row.eventCode()).isEqualTo("PUBLISH\uFFFDSTART");
		assertThat(row.description()).isEqualTo("\uFFFDd\uFFFD");
	}

	@Test
	void quarantinesTooLongTextNamingTheField() {
		String longId = "x".repeat(StorableText.IDENTIFIER_MAX + 1);
		assertThat(reason(new EventDto(CHANNEL, null, "INFO", longId, "d", "1585572599000", Payload.of("{}"))))
			.startsWith("eventCode is 257 characters long");
		assertThat(reason(new EventDto(CHANNEL, null, longId, "X", "d", "1585572599000", Payload.of("{}"))))
			.startsWith("logLevel is 257");
		assertThat(reason(new EventDto(CHANNEL, longId, "INFO", "X", "d", "1585572599000", Payload.of("{}"))))
			.startsWith("channelId is 257");
		assertThat(reason(new EventDto(CHANNEL, null, "INFO", "X", "d".repeat(StorableText.TEXT_MAX + 1),
				"1585572599000", Payload.of("{}")))).startsWith("description is ");
	}

	private String reason(EventDto event) {
		Outcome<EventRow> outcome = this.normalizer.process(event);
		assertThat(outcome).isInstanceOf(Outcome.Quarantine.class);
		return ((Outcome.Quarantine<EventRow>) outcome).record().reason();
	}

	private static EventRow archived(Outcome<EventRow> outcome) {
		assertThat(outcome).isInstanceOf(Outcome.Archive.class);
		return ((Outcome.Archive<EventRow>) outcome).row();
	}

}
