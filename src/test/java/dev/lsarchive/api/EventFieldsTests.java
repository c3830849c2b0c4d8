package dev.lsarchive.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EventFieldsTests {

	// as the client's: an event is read from the middle of a body
	private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	@Test
	void readsEveryShapeOfEventAsTheTreeReadingDid() {
		// given: plain events and the shapes the bad-input drill sends
		List<String> events = List.of(
				"{\"channelId\":\"ls-1\",\"logLevel\":\"INFO\",\"eventCode\":\"PUBLISH_START\",\"description\":\"d\",\"timestamp\":1585572599000}",
				"{\"logLevel\":\"INFO\",\"eventCode\":\"X\",\"description\":\"d\",\"timestamp\":\"1585572599000\",\"extra\":{\"a\":[1,2,{\"streamKey\":\"s\"}]}}",
				"{\"eventCode\":\"X\",\"timestamp\":1.5e12,\"description\":null,\"logLevel\":true}",
				"{\"eventCode\":[\"X\"],\"timestamp\":123456789012345678901234567890,\"channelId\":{\"id\":1}}",
				"{\"eventCode\":\"X\",\"timestamp\":-0,\"streamKey\":\"secret\",\"publishUrl\":\"rtmp://x/secret\"}",
				"{\"eventCode\":\"A\",\"eventCode\":\"B\",\"timestamp\":1,\"timestamp\":2}",
				"{\"eventCode\":\"X\",\"cdn\":{\"edgeRegion\":\"kr\",\"streamKey\":\"secret\"},\"futureFlag\":true,\"n\":null}",
				"{\"x\":1,\"eventCode\":\"X\",\"x\":2,\"stream_key\":\"secret\",\"tags\":[{\"password\":\"secret\",\"a\":1}]}",
				"{\"logLevel\":\"INFO\",\"callbackToken\":\"secret\"}",
				"{}", "[1,2]", "\"text\"", "42", "null");
		for (String event : events) {
			// when
			EventDto streamed = streamed(event);
			EventDto fromTree = EventDto.from("ls-requested", this.json.readTree(event));

			// then
			assertThat(streamed).usingRecursiveComparison().ignoringFields("payload").isEqualTo(fromTree);
			assertThat(streamed.payload().json()).as(event).isEqualTo(fromTree.payload().json());
			assertThat(streamed.payload().json()).doesNotContain("secret");
			assertThat(String.valueOf(streamed.extra())).doesNotContain("secret");
		}
	}

	@Test
	void anEventOfTheUsualShapeHasNoExtraAndSharesItsFieldPaths() {
		// given: two events with and two without their own channelId, one field left out
		EventDto one = streamed(
				"{\"channelId\":\"ls-1\",\"logLevel\":\"INFO\",\"eventCode\":\"A\",\"description\":\"d\",\"timestamp\":1}");
		EventDto two = streamed(
				"{\"channelId\":\"ls-2\",\"logLevel\":\"ERROR\",\"eventCode\":\"B\",\"description\":\"e\",\"timestamp\":2}");
		EventDto older = streamed("{\"logLevel\":\"INFO\",\"eventCode\":\"A\",\"description\":\"d\",\"timestamp\":1}");
		EventDto olderToo = streamed("{\"timestamp\":3,\"eventCode\":\"C\",\"description\":\"f\",\"logLevel\":\"INFO\"}");

		// then: no extra, and the one set of paths of their shape, not a set of their own
		assertThat(List.of(one, two, older, olderToo)).extracting(EventDto::extra).containsOnlyNulls();
		assertThat(one.fields()).containsExactly("channelId", "logLevel", "eventCode", "description", "timestamp")
			.isSameAs(two.fields());
		assertThat(older.fields()).containsExactly("logLevel", "eventCode", "description", "timestamp")
			.isSameAs(olderToo.fields());
		assertThat(new EventDto(null, null, "INFO", "A", "d", "1", Payload.of("{}")).fields()).isSameAs(older.fields());
	}

	@Test
	void theFieldsBesideTheMappedOnesAreItsExtraAndTheirPathsFollowTheMappedOnes() {
		// given: a new top-level field, a new object with a secret inside, a secret at the top
		String event = "{\"channelId\":\"ls-1\",\"futureFlag\":\"on\",\"logLevel\":\"INFO\",\"eventCode\":\"A\","
				+ "\"cdn\":{\"edgeRegion\":\"kr\",\"streamKey\":\"sk\"},\"description\":\"d\",\"timestamp\":1,"
				+ "\"signature\":\"sig\",\"viewers\":[{\"count\":3}]}";

		// when
		EventDto streamed = streamed(event);

		// then
		assertThat(streamed.extra())
			.isEqualTo("{\"futureFlag\":\"on\",\"cdn\":{\"edgeRegion\":\"kr\"},\"viewers\":[{\"count\":3}]}");
		assertThat(streamed.fields()).containsExactly("channelId", "logLevel", "eventCode", "description", "timestamp",
				"futureFlag", "cdn", "cdn.edgeRegion", "viewers", "viewers[].count");
		assertThat(streamed.eventCode()).isEqualTo("A");
		assertThat(streamed.payload().json()).contains("\"futureFlag\":\"on\"").doesNotContain("sk", "sig");
		assertThat(streamed("{\"eventCode\":\"A\",\"streamKey\":\"sk\"}").extra()).as("only a secret beside").isNull();
	}

	private EventDto streamed(String event) {
		try (JsonParser parser = this.json.createParser(event)) {
			parser.nextToken();
			return EventFields.read(parser, this.json, "ls-requested", "GET /api/v2/events");
		}
	}

}
