package dev.lsarchive.api;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the answer of each endpoint becomes what the client returns, once its body has been read as
 * a JSON object; and the bounds every body is read within.
 */
final class ResponseParsing {

	/** Longest string of a response (a description, say); a longer one fails the request, never the heap. */
	static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

	/** Deepest nesting of a response; the API's own JSON is four levels deep. */
	static final int MAX_NESTING_DEPTH = 64;

	/**
	 * The reader of every answer. The event stream reads one element at a time from an open body: what
	 * follows it is not "trailing".
	 */
	static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(MAX_STRING_LENGTH)
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.build())
		.build())
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private ResponseParsing() {
	}

	/** A page of a channel listing: its {@code content} array and its {@code total}. */
	static ChannelPage channelPage(JsonNode root, ChannelKind kind, String what) {
		JsonNode content = root.path("content");
		if (!content.isArray()) {
			throw ErrorMapping.malformed(what, "no 'content' array in the response", null);
		}
		List<ChannelDto> channels = new ArrayList<>(content.size());
		for (JsonNode node : content.values()) {
			channels.add(ChannelDto.from(node, kind));
		}
		JsonNode total = root.path("total");
		return new ChannelPage(channels, total.canConvertToLong() ? total.asLong() : -1);
	}

	/** A live channel's info. */
	static ChannelDto channel(JsonNode root) {
		return ChannelDto.from(root.path("content"), ChannelKind.LIVE);
	}

	/** A re-stream channel's targets, without their secrets; an empty list when its info shows none. */
	static List<RestreamTarget> restreamTargets(JsonNode root) {
		List<RestreamTarget> targets = ChannelDto.targets(root.path("content"));
		return (targets != null) ? targets : List.of();
	}

	/** A channel's recordings: {@code recordList} is an object keyed by record id, read as an array too. */
	static List<RecordingDto> recordings(JsonNode root, String what) {
		JsonNode list = root.path("content").path("recordList");
		List<RecordingDto> recordings = new ArrayList<>();
		if (list.isObject()) {
			list.properties().forEach((entry) -> recordings.add(RecordingDto.from(entry.getKey(), entry.getValue())));
		}
		else if (list.isArray()) {
			list.values().forEach((node) -> recordings.add(RecordingDto.from(null, node)));
		}
		else if (!list.isMissingNode() && !list.isNull()) {
			throw ErrorMapping.malformed(what, "'recordList' is neither an object nor an array", null);
		}
		return recordings;
	}

	/** One recording: {@code content} is the record, which names its id or is the one asked for. */
	static RecordingDto recording(JsonNode root, String recordId, String what) {
		JsonNode content = root.path("content");
		if (!content.isObject()) {
			throw ErrorMapping.malformed(what, "no 'content' object in the response", null);
		}
		return RecordingDto.from(recordId, content);
	}

	/** A snapshot's info. */
	static SnapshotDto snapshot(JsonNode root) {
		return SnapshotDto.from(root.path("content"));
	}

}
