package dev.lsarchive.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.EventDto;
import dev.lsarchive.api.Payload;
import dev.lsarchive.normalize.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class EventBlockNormalizerTests {

	private static final String CHANNEL = "ls-20200313162828-G60tN";

	private final EventBlockNormalizer normalizer = new EventBlockNormalizer(
			new EventNormalizer(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC)));

	@Test
	void keepsOneOutcomePerEventInTheBlocksOrder() {
		// given: a valid event, one without a code, another valid event
		List<EventDto> block = List.of(
				new EventDto(CHANNEL, null, "INFO", "PUBLISH_START", "a", "1585572599000", Payload.of("{}")),
				new EventDto(CHANNEL, null, "INFO", " ", "b", "1585572600000", Payload.of("{}")),
				new EventDto(CHANNEL, null, "INFO", "PUBLISH_END", "c", "1585572601000", Payload.of("{}")));

		// when
		List<Outcome<EventRow>> outcomes = this.normalizer.process(block);

		// then
		assertThat(outcomes).hasSize(3);
		assertThat(((Outcome.Archive<EventRow>) outcomes.get(0)).row().eventCode()).isEqualTo("PUBLISH_START");
		assertThat(((Outcome.Quarantine<EventRow>) outcomes.get(1)).record().reason()).isEqualTo("missing eventCode");
		assertThat(((Outcome.Archive<EventRow>) outcomes.get(2)).row().eventCode()).isEqualTo("PUBLISH_END");
	}

}
