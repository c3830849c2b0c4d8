package dev.lsarchive.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResponseParsingTests {

	@Test
	void aChannelPageReadsItsContentAndTotal() {
		// when
		ChannelPage page = ResponseParsing.channelPage(json("{\"content\":[{\"channelId\":\"ls-1\"}],\"total\":7}"),
				ChannelKind.VOD2LIVE, "GET /list");
		ChannelPage noTotal = ResponseParsing.channelPage(json("{\"content\":[]}"), ChannelKind.LIVE, "GET /list");

		// then
		assertThat(page.content()).extracting(ChannelDto::channelId).containsExactly("ls-1");
		assertThat(page.content()).extracting(ChannelDto::kind).containsExactly(ChannelKind.VOD2LIVE);
		assertThat(page.total()).isEqualTo(7);
		assertThat(noTotal.total()).isEqualTo(-1);
	}

	@Test
	void aChannelPageWithoutItsContentArrayIsMalformed() {
		// when
		LiveStationApiException failure = catchThrowableOfType(LiveStationApiException.class,
				() -> ResponseParsing.channelPage(json("{\"content\":{}}"), ChannelKind.LIVE, "GET /list"));

		// then
		assertThat(failure.getMessage()).isEqualTo("GET /list returned a malformed response (no 'content' array in the response)");
		assertThat(failure.isRetryable()).isTrue();
	}

	@Test
	void recordingsAreReadFromAnObjectKeyedByRecordIdOrFromAnArray() {
		// when
		List<RecordingDto> keyed = ResponseParsing.recordings(
				json("{\"content\":{\"recordList\":{\"11\":{\"recordId\":11},\"12\":{\"status\":\"x\"}}}}"), "GET /r");
		List<RecordingDto> listed = ResponseParsing.recordings(json("{\"content\":{\"recordList\":[{\"recordId\":13}]}}"),
				"GET /r");
		List<RecordingDto> none = ResponseParsing.recordings(json("{\"content\":{}}"), "GET /r");

		// then
		assertThat(keyed).extracting(RecordingDto::recordId).as("the key stands in for a missing id")
			.containsExactly("11", "12");
		assertThat(listed).extracting(RecordingDto::recordId).containsExactly("13");
		assertThat(none).isEmpty();
	}

	@Test
	void aRecordListOfAnotherTypeIsMalformed() {
		// when
		LiveStationApiException failure = catchThrowableOfType(LiveStationApiException.class,
				() -> ResponseParsing.recordings(json("{\"content\":{\"recordList\":\"none\"}}"), "GET /r"));

		// then
		assertThat(failure.getMessage()).contains("'recordList' is neither an object nor an array");
	}

	@Test
	void aReStreamChannelWithoutTargetsHasAnEmptyList() {
		// then
		assertThat(ResponseParsing.restreamTargets(json("{\"content\":{\"channelId\":\"ls-1\"}}"))).isEmpty();
	}

	private static JsonNode json(String text) {
		return ResponseParsing.JSON.readTree(text);
	}

}
