package dev.lsarchive.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.SnapshotDto;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.StorableText;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotNormalizerTests {

	private final SnapshotNormalizer normalizer = new SnapshotNormalizer(
			Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void normalizesTheDocumentedExample() {
		// given: the snapshot page's example, legacy status spelling included
		SnapshotDto snapshot = new SnapshotDto("ls-20220623115623-fHnXy", "PUBLISH", "1047",
				"https://mytest.edge.naverncp.com/dvr/snapshot/1047-1655978668177.m3u8", "1655978668177",
				"1655982268177", "1", "{}");

		// when
		Outcome<SnapshotRow> outcome = this.normalizer.process(new SnapshotFetch("ls-20220623115623-fHnXy", 1047, "PUBLISHING", snapshot));

		// then
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Archive.class, (archive) -> {
			SnapshotRow row = (SnapshotRow) archive.row();
			assertThat(row.channelStatus()).isEqualTo("PUBLISHING");
			assertThat(row.channelStatusRaw()).isEqualTo("PUBLISH");
			assertThat(row.createdAt()).isEqualTo(Instant.ofEpochMilli(1655978668177L));
			assertThat(row.expireAt()).isEqualTo(Instant.ofEpochMilli(1655982268177L));
			assertThat(row.durationMinutes()).isEqualTo(1);
		});
	}

	@Test
	void keepsASnapshotWhoseInfoExpiredWithWhatTheListingSaid() {
		// given: listed, but its hour is over
		SnapshotFetch expired = new SnapshotFetch("ls-1", 5, "PUBLISH", null);

		// when
		Outcome<SnapshotRow> outcome = this.normalizer.process(expired);

		// then
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Archive.class, (archive) -> {
			SnapshotRow row = (SnapshotRow) archive.row();
			assertThat(row.infoCaptured()).isFalse();
			assertThat(row.snapshotId()).isEqualTo(5);
			assertThat(row.channelStatus()).isEqualTo("PUBLISHING");
			assertThat(row.snapshotUrl()).isNull();
			assertThat(row.createdAt()).isNull();
		});
	}

	@Test
	void quarantinesAnInconsistentSnapshot() {
		assertThat(reason(new SnapshotFetch("ls-1", 5, "READY",
				new SnapshotDto("ls-1", "READY", "6", "u", "1655978668177", "1655982268177", "1", "{}"))))
			.contains("snapshot 6 instead");
		assertThat(reason(new SnapshotFetch("ls-1", 5, "READY",
				new SnapshotDto("ls-1", "READY", "5", "u", "1655978668177", "1655982268177", "an hour", "{}"))))
			.contains("duration");
	}

	@Test
	void keepsTheRawStatusAlwaysCleansNulAndQuarantinesAnOverlongUrl() {
		// given
		SnapshotDto exact = new SnapshotDto("ls-1", "PUBLISHING", "5", "u\0rl\uD800", "1655978668177", null, null, "{}");
		SnapshotDto longUrl = new SnapshotDto("ls-1", "READY", "5", "u".repeat(StorableText.TEXT_MAX + 1),
				"1655978668177", null, null, "{}");
		SnapshotDto longStatus = new SnapshotDto("ls-1", "R".repeat(StorableText.IDENTIFIER_MAX + 1), "5", "u",
				"1655978668177", null, null, "{}");

		// when
		Outcome<SnapshotRow> outcome = this.normalizer.process(new SnapshotFetch("ls-1", 5, "PUBLISHING", exact));

		// then
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Archive.class, (archive) -> {
			SnapshotRow row = (SnapshotRow) archive.row();
			assertThat(row.channelStatusRaw()).isEqualTo("PUBLISHING");
			assertThat(row.snapshotUrl()).isEqualTo("u\uFFFDrl\uFFFD");
		});
		assertThat(reason(new SnapshotFetch("ls-1", 5, "PUBLISHING", longUrl))).startsWith("snapshotUrl is ");
		assertThat(reason(new SnapshotFetch("ls-1", 5, "PUBLISHING", longStatus))).startsWith("channelStatus is 257 characters");
	}

	private String reason(SnapshotFetch fetch) {
		Outcome<SnapshotRow> outcome = this.normalizer.process(fetch);
		assertThat(outcome).isInstanceOf(Outcome.Quarantine.class);
		return ((Outcome.Quarantine<SnapshotRow>) outcome).record().reason();
	}

}
