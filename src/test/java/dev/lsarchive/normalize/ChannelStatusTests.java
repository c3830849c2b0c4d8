package dev.lsarchive.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelStatusTests {

	@Test
	void keepsEveryDocumentedStatus() {
		for (String status : new String[] { "CREATING", "READY", "PUBLISHING", "DELETED", "BLOCK", "FORCE_BLOCK",
				"FORCE_DELETED", "RESERVED" }) {
			assertThat(ChannelStatus.of(status).value()).isEqualTo(status);
		}
	}

	@Test
	void readsLegacyPublishAsPublishing() {
		assertThat(ChannelStatus.of("PUBLISH")).isEqualTo(new ChannelStatus("PUBLISHING", "PUBLISH"));
	}

	@Test
	void knowsEveryDocumentedStatus() {
		for (String documented : new String[] { "CREATING", "READY", "PUBLISHING", "DELETED", "BLOCK", "FORCE_BLOCK",
				"FORCE_DELETED", "RESERVED", "STOPPED" }) {
			assertThat(ChannelStatus.of(documented).value()).isEqualTo(documented);
		}
		assertThat(ChannelStatus.of("stopped").known()).isTrue();
	}

	@Test
	void trimsAndUpperCases() {
		assertThat(ChannelStatus.of(" publishing ").value()).isEqualTo("PUBLISHING");
		assertThat(ChannelStatus.of("Ready").known()).isTrue();
	}

	@Test
	void keepsAnUnknownValueAsUnknownWithTheRawValue() {
		// when
		ChannelStatus status = ChannelStatus.of("MAINTENANCE");

		// then
		assertThat(status.value()).isEqualTo("UNKNOWN");
		assertThat(status.raw()).isEqualTo("MAINTENANCE");
		assertThat(status.known()).isFalse();
		assertThat(ChannelStatus.of(null).value()).isEqualTo("UNKNOWN");
	}

}
