package dev.lsarchive.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body's fingerprint is the same however it is read, and any change of a byte, of the order or of
 * the length changes it.
 */
class BodyFingerprintTests {

	private static final byte[] LIST = """
			{"content":[{"channelId":"ls-1","eventCode":"PUBLISH_START","time":1700000000000},\
			{"channelId":"ls-1","eventCode":"PUBLISH_END","time":1700000060000}],"total":2}
			""".getBytes(StandardCharsets.UTF_8);

	@Test
	void theSameBytesGiveTheSameFingerprintWhetherSpooledOrStreamed() throws IOException {
		// given
		byte[] spooled;
		try (BodySpool spool = BodySpool.read(new ByteArrayInputStream(LIST))) {
			spooled = spool.digest();
		}
		BodyFingerprint streaming = new BodyFingerprint();

		// when
		try (DigestInputStream in = new DigestInputStream(new ByteArrayInputStream(LIST), streaming)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}

		// then
		assertThat(streaming.digest()).isEqualTo(spooled).hasSize(BodyFingerprint.LENGTH);
	}

	@Test
	void aChangedByteAnOtherOrderOrAnotherLengthChangesIt() {
		// given
		byte[] oneByteChanged = LIST.clone();
		oneByteChanged[LIST.length / 2] ^= 1;
		String text = new String(LIST, StandardCharsets.UTF_8);
		byte[] reordered = text.replace("PUBLISH_START", "PUBLISH_XXXXX")
			.replace("PUBLISH_END", "PUBLISH_START")
			.replace("PUBLISH_XXXXX", "PUBLISH_END")
			.getBytes(StandardCharsets.UTF_8);
		byte[] longer = (text + " ").getBytes(StandardCharsets.UTF_8);

		// when
		byte[] original = fingerprint(LIST);

		// then
		assertThat(fingerprint(oneByteChanged)).isNotEqualTo(original);
		assertThat(fingerprint(reordered)).isNotEqualTo(original);
		assertThat(fingerprint(longer)).isNotEqualTo(original);
		assertThat(fingerprint(LIST.clone())).isEqualTo(original);
	}

	@Test
	void itEndsWithTheLengthInBytesAndStartsAfreshOnceTaken() {
		// given
		BodyFingerprint fingerprint = new BodyFingerprint();
		fingerprint.update(LIST);

		// when
		byte[] first = fingerprint.digest();
		fingerprint.update(LIST);
		byte[] second = fingerprint.digest();

		// then
		assertThat(java.nio.ByteBuffer.wrap(first, 8, 8).getLong()).isEqualTo(LIST.length);
		assertThat(second).isEqualTo(first);
	}

	private static byte[] fingerprint(byte[] body) {
		BodyFingerprint fingerprint = new BodyFingerprint();
		fingerprint.update(body);
		return fingerprint.digest();
	}

}
