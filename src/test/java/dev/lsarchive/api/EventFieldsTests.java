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
				"{}", "[1,2]", "\"text\"", "42", "null");
		for (String event : events) {
			// when
			EventDto streamed = streamed(event);
			EventDto fromTree = EventDto.from("ls-requested", this.json.readTree(event));

			// then
			assertThat(streamed).usingRecursiveComparison().ignoringFields("payload").isEqualTo(fromTree);
			assertThat(streamed.payload().json()).as(event).isEqualTo(fromTree.payload().json());
			assertThat(streamed.payload().json()).doesNotContain("secret");
		}
	}

	private EventDto streamed(String event) {
		try (JsonParser parser = this.json.createParser(event)) {
			parser.nextToken();
			return EventFields.read(parser, this.json, "ls-requested", "GET /api/v2/events");
		}
	}

}
