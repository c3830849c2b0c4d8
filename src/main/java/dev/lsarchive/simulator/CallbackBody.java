package dev.lsarchive.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The body Live Station posts to a callback endpoint for one event: {@code id}, {@code logLevel},
 * {@code channelId}, {@code event} (the code as the event list sends it) and {@code timestamp} (in the
 * form the event list sends it: milliseconds, or seconds for an event the list sends in seconds); as
 * integers, or every field as a string in the older documented form. An event the list sends with an
 * unusable timestamp is pushed with its true instant.
 */
final class CallbackBody {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CallbackBody() {
	}

	/** The JSON body of {@code event} with {@code id}; {@code text}: every field a string. */
	static byte[] of(long id, SimulatedEvent event, boolean text) {
		long timestamp = (event.form() == SimulatedEvent.TimestampForm.SECONDS) ? event.timestamp() / 1000
				: event.timestamp();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", text ? (Object) Long.toString(id) : (Object) id);
		body.put("logLevel", event.logLevel());
		body.put("channelId", event.channelId());
		body.put("event", event.reportedEventCode());
		body.put("timestamp", text ? (Object) Long.toString(timestamp) : (Object) timestamp);
		return JSON.writeValueAsBytes(body);
	}

}
