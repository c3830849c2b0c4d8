package dev.lsarchive.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTests {

	@Test
	void escapesWhatCopyTextFormatReservesAndKeepsTheRestAsUtf8() throws IOException {
		// when
		String row = render(new CopyText(8).text("a\tb\nc\rd\\e 채널 \uD83C\uDFA5").tab().text(null).endRow());

		// then
		assertThat(row).isEqualTo("a\\tb\\nc\\rd\\\\e 채널 \uD83C\uDFA5\t\\N\n");
	}

	@Test
	void writesUuidsAsPostgresReadsThem() throws IOException {
		for (UUID key : new UUID[] { UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1), new UUID(0x0123456789abcdefL, 1) }) {
			assertThat(render(new CopyText(1).uuid(key))).isEqualTo(key.toString());
		}
	}

	@Test
	void writesInstantsInUtcWithMilliseconds() throws IOException {
		assertThat(render(new CopyText(1).instant(1585572599123L))).isEqualTo("2020-03-30 12:49:59.123+00");
		assertThat(render(new CopyText(1).instant(0L))).isEqualTo("1970-01-01 00:00:00.000+00");
		assertThat(render(new CopyText(1).instant(-1L))).isEqualTo("1969-12-31 23:59:59.999+00");
		assertThat(render(new CopyText(1).instant(253_402_300_800_000L))).isEqualTo("+10000-01-01T00:00:00Z");
	}

	private static String render(CopyText text) throws IOException {
		return new String(text.stream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
