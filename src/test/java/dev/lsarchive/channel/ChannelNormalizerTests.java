package dev.lsarchive.channel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.StorableText;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelNormalizerTests {

	private final ChannelNormalizer normalizer = new ChannelNormalizer(
			Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void normalizesAListedChannel() {
		// when
		ChannelRow row = archived(this.normalizer.process(channel(" ls-20220623115623-fHnXy ", "PUBLISHING",
				"1655978668177", "1047")));

		// then
		assertThat(row.channelId()).isEqualTo("ls-20220623115623-fHnXy");
		assertThat(row.channelStatus()).isEqualTo("PUBLISHING");
		assertThat(row.channelStatusRaw()).as("always kept, also when it equals the normalized value")
			.isEqualTo("PUBLISHING");
		assertThat(row.createdAt()).isEqualTo(Instant.ofEpochMilli(1655978668177L));
		assertThat(row.snapshotId()).isEqualTo(1047L);
		assertThat(row.recording()).isTrue();
		assertThat(row.timemachineMin()).isEqualTo(360);
	}

	@Test
	void readsLegacyPublishAndKeepsTheRawValue() {
		ChannelRow row = archived(this.normalizer.process(channel("ls-1", "PUBLISH", "1655978668177", null)));
		assertThat(row.channelStatus()).isEqualTo("PUBLISHING");
		assertThat(row.channelStatusRaw()).isEqualTo("PUBLISH");
		assertThat(row.statusKnown()).isTrue();
	}

	@Test
	void keepsAnUnknownStatusAsUnknown() {
		ChannelRow row = archived(this.normalizer.process(channel("ls-1", "HIBERNATING", "1655978668177", null)));
		assertThat(row.channelStatus()).isEqualTo("UNKNOWN");
		assertThat(row.channelStatusRaw()).isEqualTo("HIBERNATING");
		assertThat(row.statusKnown()).isFalse();
	}

	@Test
	void quarantinesChannelsWithoutIdOrWithUnusableValues() {
		assertThat(reason(channel(null, "READY", "1655978668177", null))).isEqualTo("missing channelId");
		assertThat(reason(channel("ls-1", "READY", "soon", null))).contains("createdTime");
		assertThat(reason(channel("ls-1", "READY", "1655978668177", "abc"))).contains("snapshotId");
	}

	@Test
	void cleansNulAndLoneSurrogatesInEveryTextFieldAndQuarantinesTooLongOnesNamingTheField() {
		// given
		ChannelDto poisoned = new ChannelDto("ls-1\0", "news\0\uD800", "PUBLISH\0", "Full\0HD", "HLS\uDC00", "true",
				"360", "1655978668177", null, null, "{}");
		ChannelDto longId = new ChannelDto("ls-" + "x".repeat(300), "news", "READY", null, null, null, null,
				"1655978668177", null, null, "{}");
		ChannelDto longName = new ChannelDto("ls-1", "n".repeat(StorableText.TEXT_MAX + 1), "READY", null, null, null,
				null, "1655978668177", null, null, "{}");

		// when
		ChannelRow row = archived(this.normalizer.process(poisoned));

		// then
		assertThat(row.channelId()).isEqualTo("ls-1\uFFFD");
		assertThat(row.channelName()).isEqualTo("news\uFFFD\uFFFD");
		assertThat(row.channelStatus()).isEqualTo("UNKNOWN");
		assertThat(row.channelStatusRaw()).isEqualTo("PUBLISH\uFFFD");
		assertThat(row.qualitySetName()).isEqualTo("Full\uFFFDHD");
		assertThat(row.outputProtocol()).isEqualTo("HLS\uFFFD");
		assertThat(reason(longId)).startsWith("channelId is 303 characters long, more than the 256");
		assertThat(reason(longName)).startsWith("channelName is " + (StorableText.TEXT_MAX + 1) + " characters long");
	}

	@Test
	void acceptsAChannelThatNeverPublished() {
		ChannelDto neverPublished = new ChannelDto("ls-1", "n", "READY", null, null, null, null, "1655978668177", null,
				null, "{}");
		assertThat(archived(this.normalizer.process(neverPublished)).recentPublishStartAt()).isNull();
	}

	private String reason(ChannelDto channel) {
		Outcome<ChannelRow> outcome = this.normalizer.process(channel);
		assertThat(outcome).isInstanceOf(Outcome.Quarantine.class);
		return ((Outcome.Quarantine<ChannelRow>) outcome).record().reason();
	}

	private static ChannelDto channel(String id, String status, String created, String snapshotId) {
		return new ChannelDto(id, "news", status, "Full HD", "HLS", "true", "360", created, "1655978668177", snapshotId,
				"{}");
	}

	private static ChannelRow archived(Outcome<ChannelRow> outcome) {
		assertThat(outcome).isInstanceOf(Outcome.Archive.class);
		return ((Outcome.Archive<ChannelRow>) outcome).row();
	}

}
