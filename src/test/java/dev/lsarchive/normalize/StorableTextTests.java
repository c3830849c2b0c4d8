package dev.lsarchive.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTests {

	@Test
	void replacesNulAndLoneSurrogatesAndKeepsWholeCharacters() {
		assertThat(StorableText.clean("a\0b")).isEqualTo("a\uFFFDb");
		assertThat(StorableText.clean("\uD800x")).isEqualTo("\uFFFDx");
		assertThat(StorableText.clean("x\uDC00")).isEqualTo("x\uFFFD");
		assertThat(StorableText.clean("end\uD83C")).isEqualTo("end\uFFFD");
		assertThat(StorableText.clean("🎥 라이브")).isEqualTo("🎥 라이브");
		assertThat(StorableText.clean(null)).isNull();
	}

	@Test
	void remembersTheFirstFieldOverItsBound() {
		// given
		StorableText.Fields fields = new StorableText.Fields();

		// when
		fields.identifier("eventCode", "ok");
		fields.text("description", "d".repeat(StorableText.TEXT_MAX));
		fields.identifier("logLevel", "l".repeat(StorableText.IDENTIFIER_MAX + 1));
		fields.text("channelName", "n".repeat(StorableText.TEXT_MAX + 1));

		// then
		assertThat(fields.problem()).isEqualTo("logLevel is 257 characters long, more than the 256 an identifier may have");
	}

	@Test
	void quarantineValuesAreCleanedAndBounded() {
		assertThat(StorableText.forQuarantine("p".repeat(StorableText.QUARANTINE_MAX + 5)))
			.hasSize(StorableText.QUARANTINE_MAX + " [cut: 1048581 characters]".length() + 1)
			.endsWith("[cut: 1048581 characters]");
		assertThat(StorableText.identifierForQuarantine("i".repeat(300) + "\0")).hasSize(StorableText.IDENTIFIER_MAX);
		assertThat(StorableText.forQuarantine("a\0")).isEqualTo("a\uFFFD");
	}

	@Test
	void aJsonTextLosesOnlyTheNulEscapesJsonbRefuses() {
		// given: NUL escaped, an escaped backslash followed by the same letters, a raw NUL and a lone surrogate
		String received = "{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"\0\",\"d\":\"\uD800\",\"e\":\"\\n\\u0001\"}";

		// when
		String kept = StorableText.json(received);

		// then
		assertThat(kept).isEqualTo(
				"{\"a\":\"x\\ufffdy\",\"b\":\"\\\\u0000\",\"c\":\"\uFFFD\",\"d\":\"\uFFFD\",\"e\":\"\\n\\u0001\"}");
		assertThat(StorableText.json("{\"a\":1}")).isEqualTo("{\"a\":1}");
		assertThat(StorableText.json(null)).isNull();
	}

}
