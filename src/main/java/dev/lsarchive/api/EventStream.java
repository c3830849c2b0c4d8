package dev.lsarchive.api;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of one list response, read one at a time from the open body, so that a response of
 * a million events never sits in memory. When the body breaks off or turns malformed, the request
 * is sent again (with the client's retry policy) and the events already delivered are skipped.
 */
public final class EventStream implements AutoCloseable {

	private final LiveStationClient client;

	private final @Nullable String channelId;

	private final JsonMapper json;

	private final String what;

	private @Nullable InputStream body;

	private @Nullable JsonParser parser;

	private long delivered;

	private long total = -1;

	private boolean finished;

	EventStream(LiveStationClient client, @Nullable String channelId, JsonMapper json) {
		this.client = client;
		this.channelId = channelId;
		this.json = json;
		this.what = "GET /api/v2/events" + ((channelId != null) ? "?channelId=" + channelId : "");
	}

	/** Skips the first {@code count} events (a resumed reader's position) without building them. */
	public void skip(long count) {
		while (this.delivered < count && next() != null) {
			// next() advances the position; the event itself is not needed
		}
	}

	/** The next event, or null at the end of the list. */
	public @Nullable EventDto next() {
		if (this.finished) {
			return null;
		}
		if (this.parser != null) {
			try {
				return advance();
			}
			catch (RuntimeException midBody) {
				// the request succeeded and its body broke: a new series of attempts resumes after what was delivered
				closeQuietly();
				if (!LiveStationClient.isRetryable(midBody)) {
					throw midBody;
				}
				this.client.countRetry();
			}
		}
		return this.client.retrying(this.what, () -> {
			try {
				open();
				return advance();
			}
			catch (RuntimeException failed) {
				closeQuietly();
				throw failed;
			}
		});
	}

	/** Events delivered so far. */
	public long position() {
		return this.delivered;
	}

	/** The {@code total} of the response once it has been read, else -1. */
	public long total() {
		return this.total;
	}

	private void open() {
		this.body = this.client.openEventStream(this.channelId);
		this.parser = this.json.createParser(this.body);
		JsonParser p = this.parser;
		if (p.nextToken() != JsonToken.START_OBJECT) {
			throw LiveStationClient.malformed(this.what, "the body is not a JSON object", null);
		}
		while (true) {
			JsonToken token = p.nextToken();
			if (token == JsonToken.END_OBJECT || token == null) {
				throw LiveStationClient.malformed(this.what, "no 'content' array in the response", null);
			}
			String name = p.currentName();
			token = p.nextToken();
			if ("content".equals(name) && token == JsonToken.START_ARRAY) {
				break;
			}
			readTopLevelValue(name, token);
		}
		// after a reopen, step over what the caller already has
		for (long i = 0; i < this.delivered; i++) {
			JsonToken token = p.nextToken();
			if (token == JsonToken.END_ARRAY || token == null) {
				throw LiveStationClient.malformed(this.what,
						"the list became shorter while being read again (" + i + " < " + this.delivered + ")", null);
			}
			p.skipChildren();
		}
	}

	private @Nullable EventDto advance() {
		JsonParser p = this.parser;
		JsonToken token = p.nextToken();
		if (token == null) {
			throw LiveStationClient.malformed(this.what, "the body ended inside the event list", null);
		}
		if (token == JsonToken.END_ARRAY) {
			readRest(p);
			this.finished = true;
			closeQuietly();
			return null;
		}
		JsonNode node = this.json.readTree(p);
		this.delivered++;
		return EventDto.from(this.channelId, node);
	}

	// the fields after the list (total) and the closing brace: a body cut off here is still incomplete
	private void readRest(JsonParser p) {
		JsonToken token;
		while ((token = p.nextToken()) != JsonToken.END_OBJECT) {
			if (token == null) {
				throw LiveStationClient.malformed(this.what, "the body ended before its closing brace", null);
			}
			String name = p.currentName();
			readTopLevelValue(name, p.nextToken());
		}
	}

	private void readTopLevelValue(@Nullable String name, @Nullable JsonToken token) {
		if ("total".equals(name) && token != null && token.isNumeric()) {
			this.total = this.parser.getLongValue();
		}
		else {
			this.parser.skipChildren();
		}
	}

	@Override
	public void close() {
		closeQuietly();
	}

	private void closeQuietly() {
		try {
			if (this.parser != null) {
				this.parser.close();
			}
			if (this.body != null) {
				this.body.close();
			}
		}
		catch (IOException | RuntimeException ex) {
			// closing a broken stream may fail again; the position is what matters
		}
		finally {
			this.parser = null;
			this.body = null;
		}
	}

}
