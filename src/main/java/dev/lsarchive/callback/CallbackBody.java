package dev.lsarchive.callback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.lsarchive.api.Payload;
import dev.lsarchive.normalize.EpochTime;
import dev.lsarchive.normalize.StorableText;

/**
 * Reads one callback body, pure: a JSON object with {@code id} (an integer or a string of digits),
 * {@code channelId}, {@code event}, {@code timestamp} (epoch milliseconds, an integer or a string of
 * digits; seconds are scaled and flagged, absurd values refused, as for pulled events) and an optional
 * {@code logLevel}, in both documented forms (numbers as numbers, or every field a string). Anything else
 * is refused with a reason that names the field.
 */
final class CallbackBody {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final EpochTime epochTime;

	CallbackBody(Clock clock) {
		this.epochTime = new EpochTime(clock);
	}

	/** The callback in {@code body}, or why it cannot be stored. */
	Read read(byte[] body, int length) {
		JsonNode node;
		try {
			node = JSON.readTree(body, 0, length);
		}
		catch (JacksonException ex) {
			return Read.refused("the body is not JSON: " + firstLine(ex.getOriginalMessage()),
					new String(body, 0, length, StandardCharsets.UTF_8));
		}
		if (node == null || !node.isObject()) {
			return Read.refused("the body is not a JSON object", new String(body, 0, length, StandardCharsets.UTF_8));
		}
		String payload = StorableText.json(Payload.redacted(node).json());
		StorableText.Fields text = new StorableText.Fields();
		Long id = wholeNumber(node.get("id"));
		if (id == null) {
			return Read.refused(problem(node.get("id"), "id", "a whole number (or a string of digits)"), payload);
		}
		String channelId = text.identifier("channelId", scalar(node.get("channelId")));
		if (channelId == null || channelId.isBlank()) {
			return Read.refused(problem(node.get("channelId"), "channelId", "a channel id"), payload);
		}
		String event = text.identifier("event", scalar(node.get("event")));
		if (event == null || event.isBlank()) {
			return Read.refused(problem(node.get("event"), "event", "an event code"), payload);
		}
		String level = text.identifier("logLevel", scalar(node.get("logLevel")));
		if (text.problem() != null) {
			return Read.refused(text.problem(), payload);
		}
		JsonNode timestamp = node.get("timestamp");
		if (timestamp != null && !timestamp.isNumber() && !timestamp.isString() && !timestamp.isNull()) {
			return Read.refused(problem(timestamp, "timestamp", "epoch milliseconds"), payload);
		}
		EpochTime.Parsed time = this.epochTime.parse(scalar(timestamp), "timestamp");
		if (!time.valid()) {
			return Read.refused(time.error(), payload);
		}
		String levelKept = (level == null || level.isBlank()) ? null : level.trim().toUpperCase(Locale.ROOT);
		return new Read(new Callback(id, channelId.trim(), event.trim().toUpperCase(Locale.ROOT), levelKept,
				time.instant(), time.scaled(), payload), null, payload);
	}

	// an integer node, or a string of ASCII digits that fits a bigint
	private static @Nullable Long wholeNumber(@Nullable JsonNode value) {
		if (value == null) {
			return null;
		}
		if (value.isIntegralNumber()) {
			return value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
		}
		if (value.isString()) {
			String digits = value.asString().trim();
			if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				return null;
			}
			try {
				return Long.parseLong(digits);
			}
			catch (NumberFormatException tooLarge) {
				return null;
			}
		}
		return null;
	}

	// a string's or a number's text; null for a missing field, JSON null, an object or an array
	private static @Nullable String scalar(@Nullable JsonNode value) {
		if (value == null || value.isNull() || !value.isValueNode()) {
			return null;
		}
		return value.asString();
	}

	private static String problem(@Nullable JsonNode value, String field, String expected) {
		if (value == null || value.isNull()) {
			return "missing " + field;
		}
		String shown = value.toString();
		return field + " is not " + expected + ": " + ((shown.length() > 40) ? shown.substring(0, 40) + "…" : shown);
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		String line = message.lines().findFirst().orElse("unreadable");
		return (line.length() > 120) ? line.substring(0, 120) + "…" : line;
	}

	/**
	 * What reading a body gave.
	 *
	 * @param callback the callback, or null when refused
	 * @param refusal why it was refused, or null
	 * @param payload what to keep of the body (JSON without secrets when it parsed, else the text)
	 */
	record Read(@Nullable Callback callback, @Nullable String refusal, String payload) {

		static Read refused(String reason, String payload) {
			return new Read(null, reason, payload);
		}

	}

}
