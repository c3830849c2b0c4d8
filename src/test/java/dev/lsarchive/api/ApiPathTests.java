package dev.lsarchive.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiPathTests {

	@Test
	void pathPutsTheValuesInPlaceOfTheVariablesInOrder() {
		// given / when
		String path = ApiPath.SNAPSHOT.path("ls-1", "snap$2");

		// then
		assertThat(path).isEqualTo("/api/v2/channels/ls-1/snapshot/snap$2");
		assertThat(ApiPath.RECORDINGS.label("ls-1")).isEqualTo("GET /api/v2/channels/ls-1/records");
	}

	@Test
	void tooFewValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiPath.RECORDING.path("ls-1"));
	}

	@Test
	void eventsLabelNamesTheChannelWhenThereIsOne() {
		assertThat(ApiPath.eventsLabel("ls-1")).isEqualTo("GET /api/v2/events?channelId=ls-1");
		assertThat(ApiPath.eventsLabel(null)).isEqualTo("GET /api/v2/events");
	}

	@Test
	void matchGivesTheVariablesOfItsOwnPathsOnly() {
		// given
		String recordPath = ApiPath.RECORDING.path("ls-1", "42");

		// when / then
		assertThat(ApiPath.RECORDING.match(recordPath)).isEqualTo(List.of("ls-1", "42"));
		assertThat(ApiPath.RECORDINGS.match(recordPath)).isNull();
		assertThat(ApiPath.CHANNEL.match(recordPath)).isNull();
		assertThat(ApiPath.LIVE_CHANNELS.match("/api/v2/channels")).isEmpty();
		assertThat(ApiPath.CHANNEL.match("/api/v2/channels/a.b")).isEqualTo(List.of("a.b"));
	}

	@Test
	void everyKindOfChannelHasItsListing() {
		for (ChannelKind kind : ChannelKind.values()) {
			assertThat(ApiPath.listing(kind).template()).isEqualTo(kind.listPath());
		}
	}

}
