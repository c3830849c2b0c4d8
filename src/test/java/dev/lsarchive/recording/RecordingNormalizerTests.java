package dev.lsarchive.recording;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.RecordingDto;
import dev.lsarchive.normalize.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingNormalizerTests {

	private final RecordingNormalizer normalizer = new RecordingNormalizer(
			Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void normalizesARecordingAsDocumented() {
		// given: not uploaded yet, status in lower case, a frame rate with decimals
		RecordingDto recording = record("r-1", "ls-1", "recording", "1800", "-", "29.97");

		// when
		ChannelRecordings result = this.normalizer.process(new RecordingList("ls-1", null, List.of(recording), false));

		// then
		assertThat(result.gone()).isFalse();
		assertThat(result.outcomes()).singleElement().isInstanceOfSatisfying(Outcome.Archive.class, (archive) -> {
			RecordingRow row = (RecordingRow) archive.row();
			assertThat(row.status()).isEqualTo("RECORDING");
			assertThat(row.objectStorageUrl()).as("\"-\" means not uploaded").isNull();
			assertThat(row.durationSeconds()).isEqualTo(1800);
			assertThat(row.videoFrameRate()).isEqualByComparingTo(new BigDecimal("29.97"));
			assertThat(row.recordBeginAt()).isEqualTo(Instant.ofEpochMilli(1763500000000L));
			assertThat(row.shouldDeleteAt()).as("days ahead is not absurd for a deletion time")
				.isEqualTo(Instant.ofEpochMilli(1766100000000L));
		});
	}

	@Test
	void quarantinesARecordingThatCannotBeArchived() {
		assertThat(reason(record(null, "ls-1", "RECORDING", "10", "-", "30"))).contains("recordId");
		assertThat(reason(record("r-1", "ls-2", "RECORDING", "10", "-", "30"))).contains("names channel ls-2");
		assertThat(reason(record("r-1", "ls-1", "RECORDING", "ten", "-", "30"))).contains("duration");
		assertThat(reason(record("r-1", "ls-1", "RECORDING", "-5", "-", "30"))).contains("negative");
		assertThat(reason(record("r-1", "ls-1", null, "10", "-", "30"))).contains("status");
	}

	@Test
	void aChannelTheApiNoLongerKnowsIsMarkedGone() {
		assertThat(this.normalizer.process(new RecordingList("ls-1", null, null, false)).gone()).isTrue();
	}

	private String reason(RecordingDto recording) {
		Outcome<RecordingRow> outcome = this.normalizer.normalize("ls-1", recording);
		assertThat(outcome).isInstanceOf(Outcome.Quarantine.class);
		return ((Outcome.Quarantine<RecordingRow>) outcome).record().reason();
	}

	private static RecordingDto record(String id, String channel, String status, String duration, String url,
			String frameRate) {
		return new RecordingDto(id, channel, "MP4", status, "1", "1", "1763500000000", "1763500001000", "1766100000000",
				duration, "1920x1080", "f.mp4", "4000", frameRate, "128", "AAC", "/p/", url, "{}");
	}

}
