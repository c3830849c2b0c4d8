package dev.lsarchive.callback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackBodyTests {

	private final CallbackBody bodies = new CallbackBody(
			Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

	private CallbackBody.Read read(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return this.bodies.read(bytes, bytes.length);
	}

	@Test
	void readsTheDocumentedBodyWithNumbers() {
		// when
		CallbackBody.Read read = read("""
				{"id": 1234, "logLevel": "INFO", "channelId": "ls-20200904-abc", "event": "STREAM_UPDATE", "timestamp": 1599218791425}""");

		// then
		assertThat(read.refusal()).isNull();
		assertThat(read.callback()).isEqualTo(new Callback(1234, "ls-20200904-abc", "STREAM_UPDATE", "INFO",
				Instant.ofEpochMilli(1599218791425L), false, read.payload()));
	}

	@Test
	void readsTheOlderBodyWithEveryFieldAString() {
		// when
		CallbackBody.Read read = read("""
				{"id": "1234", "logLevel": "info", "channelId": " ls-20200904-abc ", "event": " publish_Start ", "timestamp": "1599218791425"}""");

		// then
		assertThat(read.callback()).isNotNull();
		assertThat(read.callback().eventId()).isEqualTo(1234);
		assertThat(read.callback().channelId()).isEqualTo("ls-20200904-abc");
		assertThat(read.callback().eventCode()).isEqualTo("PUBLISH_START");
		assertThat(read.callback().logLevel()).isEqualTo("INFO");
		assertThat(read.callback().occurredAt()).isEqualTo(Instant.ofEpochMilli(1599218791425L));
	}

	@Test
	void scalesATimestampInSecondsAndFlagsIt() {
		// when
		CallbackBody.Read read = read("""
				{"id": 1, "channelId": "ls-1", "event": "ONAIR_END", "timestamp": "1599218791"}""");

		// then
		assertThat(read.callback().occurredAt()).isEqualTo(Instant.ofEpochSecond(1599218791L));
		assertThat(read.callback().timestampScaled()).isTrue();
		assertThat(read.callback().logLevel()).isNull();
	}

	@Test
	void keepsTheBodyWithoutItsSecrets() {
		// when
		CallbackBody.Read read = read("""
				{"id": 7, "channelId": "ls-1", "event": "X", "timestamp": 1599218791425, "streamKey": "sk-live-123", "extra": {"password": "p"}}""");

		// then
		assertThat(read.callback()).isNotNull();
		assertThat(read.payload()).contains("\"extra\"").doesNotContain("sk-live-123").doesNotContain("password");
	}

	@Test
	void refusesWhatItCannotStoreNamingTheField() {
		assertThat(read("not json").refusal()).startsWith("the body is not JSON");
		assertThat(read("[1, 2]").refusal()).isEqualTo("the body is not a JSON object");
		assertThat(read("{\"id\": 1} trailing").refusal()).startsWith("the body is not JSON");
		assertThat(read("{\"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 1599218791425}").refusal())
			.isEqualTo("missing id");
		assertThat(read("{\"id\": 1.5, \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 1599218791425}")
			.refusal()).startsWith("id is not a whole number");
		assertThat(read("{\"id\": \"12a\", \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 1599218791425}")
			.refusal()).startsWith("id is not a whole number");
		assertThat(read("{\"id\": -1, \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 1599218791425}")
			.refusal()).startsWith("id is not a whole number");
		assertThat(read("{\"id\": \"99999999999999999999\", \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 1}")
			.refusal()).startsWith("id is not a whole number");
		assertThat(read("{\"id\": 1, \"event\": \"X\", \"timestamp\": 1599218791425}").refusal())
			.isEqualTo("missing channelId");
		assertThat(read("{\"id\": 1, \"channelId\": \" \", \"event\": \"X\", \"timestamp\": 1599218791425}").refusal())
			.startsWith("channelId is not a channel id");
		assertThat(read("{\"id\": 1, \"channelId\": \"ls-1\", \"timestamp\": 1599218791425}").refusal())
			.isEqualTo("missing event");
		assertThat(read("{\"id\": 1, \"channelId\": \"ls-1\", \"event\": \"X\"}").refusal()).isEqualTo("missing timestamp");
		assertThat(read("{\"id\": 1, \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 5}").refusal())
			.contains("outside 2000-01-01");
		assertThat(read("{\"id\": 1, \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": {\"ms\": 1}}").refusal())
			.startsWith("timestamp is not epoch milliseconds");
		assertThat(read("{\"id\": 1, \"channelId\": \"" + "c".repeat(300) + "\", \"event\": \"X\", \"timestamp\": 1599218791425}")
			.refusal()).startsWith("channelId is 300 characters long");
	}

	@Test
	void cleansTextPostgresqlCannotHold() {
		// when
		CallbackBody.Read read = read("{\"id\": 1, \"channelId\": \"ls-\\u0000x\", \"event\": \"X\", \"timestamp\": 1599218791425}");

		// then
		assertThat(read.callback().channelId()).isEqualTo("ls-\uFFFDx");
		assertThat(read.payload()).doesNotContain("\\u0000");
	}

}
