package dev.lsarchive.api;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one event object straight from the parser into its fields. A tree per event (a map and a
 * node per field) used to cost more than the rest of the parse; now a tree is built only for
 * values that are not plain strings or integers, and the payload for quarantine only on demand.
 * The fields beside the mapped ones ({@link EventDto#extra}) are rendered only for an event that has
 * some; an event of the usual shape gets a shared set of field paths. The result is the same as
 * {@link EventDto#from} on the parsed tree.
 */
final class EventFields {

	private final List<String> names = new ArrayList<>(6);

	// per field: a String, a Long, a Boolean, null, or a (redacted) JsonNode
	private final List<@Nullable Object> values = new ArrayList<>(6);

	private EventFields() {
	}

	/** Reads the event whose first token is the parser's current one. */
	static EventDto read(JsonParser parser, JsonMapper json, @Nullable String requestedChannelId, String what) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			return EventDto.from(requestedChannelId, json.readTree(parser));
		}
		EventFields fields = new EventFields();
		String channelId = null;
		String logLevel = null;
		String eventCode = null;
		String description = null;
		String timestamp = null;
		int mapped = 0;
		boolean extra = false;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			if (token == null) {
				throw ErrorMapping.malformed(what, "the body ended inside an event", null);
			}
			String name = parser.currentName();
			parser.nextToken();
			int bit = EventShape.bit(name);
			if (bit == 0 && PayloadRedaction.isSecret(name)) {
				parser.skipChildren();
				continue;
			}
			String text = fields.add(name, parser, json);
			switch (bit) {
				case 1 -> channelId = text;
				case 2 -> logLevel = text;
				case 4 -> eventCode = text;
				case 8 -> description = text;
				case 16 -> timestamp = text;
				default -> extra = true;
			}
			mapped |= bit;
		}
		if (!extra) {
			// the usual event: nothing more to build
			return new EventDto(requestedChannelId, channelId, logLevel, eventCode, description, timestamp,
					Payload.lazy(fields::toNode), null, EventShape.fields(mapped));
		}
		ObjectNode extraFields = fields.extraNode();
		return new EventDto(requestedChannelId, channelId, logLevel, eventCode, description, timestamp,
				Payload.lazy(fields::toNode), extraFields.toString(), EventShape.fields(mapped, extraFields));
	}

	// the value as JsonText.field would give it: a scalar's text, a container's JSON, null for JSON null
	private @Nullable String add(String name, JsonParser parser, JsonMapper json) {
		JsonToken token = parser.currentToken();
		Object value;
		String text;
		if (token == JsonToken.VALUE_STRING) {
			text = parser.getString();
			value = text;
		}
		else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
			long number = parser.getLongValue();
			text = Long.toString(number);
			value = number;
		}
		else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			value = token == JsonToken.VALUE_TRUE;
			text = value.toString();
		}
		else if (token == JsonToken.VALUE_NULL) {
			value = null;
			text = null;
		}
		else {
			JsonNode node = PayloadRedaction.redact(json.readTree(parser));
			value = node;
			text = node.isValueNode() ? node.asString() : node.toString();
		}
		this.names.add(name);
		this.values.add(value);
		return text;
	}

	private JsonNode toNode() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < this.names.size(); i++) {
			node.set(this.names.get(i), child(i));
		}
		return node;
	}

	// the fields beside the mapped ones, as they stand in the payload
	private ObjectNode extraNode() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < this.names.size(); i++) {
			if (EventShape.bit(this.names.get(i)) == 0) {
				node.set(this.names.get(i), child(i));
			}
		}
		return node;
	}

	private JsonNode child(int i) {
		JsonNodeFactory factory = JsonNodeFactory.instance;
		Object value = this.values.get(i);
		if (value == null) {
			return factory.nullNode();
		}
		if (value instanceof String text) {
			return factory.stringNode(text);
		}
		if (value instanceof Long number) {
			return factory.numberNode(number);
		}
		if (value instanceof Boolean bool) {
			return factory.booleanNode(bool);
		}
		return (JsonNode) value;
	}

}
