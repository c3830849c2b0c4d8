package dev.lsarchive.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of one list response, read one at a time from the open body, so that a response of
 * a million events never sits in memory. When the body breaks off or turns malformed, the request
 * is sent again (with the client's retry policy) and the events already delivered are skipped.
 */
public final class EventStream implements AutoCloseable {

	// more than this after the closing brace is not a list worth fingerprinting
	private static final int MAX_TRAILING_BYTES = 64 * 1024;

	private final LiveStationClient client;

	private final @Nullable String channelId;

	private final JsonMapper json;

	private final String what;

	private @Nullable InputStream body;

	private @Nullable JsonParser parser;

	private long delivered;

	private long total = -1;

	private boolean finished;

	// the fingerprint of the body being streamed from the network, or null while reading a spooled body
	private @Nullable MessageDigest digest;

	// a body read whole by unchangedSince() and found changed: parsed from here, once
	private @Nullable BodySpool spool;

	private @Nullable byte[] spooledDigest;

	private @Nullable byte[] fingerprint;

	EventStream(LiveStationClient client, @Nullable String channelId, JsonMapper json) {
		this.client = client;
		this.channelId = channelId;
		this.json = json;
		this.what = ApiPath.eventsLabel(channelId);
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
				if (!RetryPolicy.isRetryable(midBody)) {
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

	/**
	 * Reads the whole response before parsing any of it, and tells whether its {@link BodyFingerprint}
	 * is {@code digest}: then the list is exactly one that was archived before and the stream ends here.
	 * Otherwise the events are parsed from the body already read.
	 */
	public boolean unchangedSince(byte[] digest) {
		if (this.parser != null || this.delivered > 0 || this.finished) {
			throw new IllegalStateException("unchangedSince() must come before the first event is read");
		}
		BodySpool read = this.client.retrying(this.what, () -> {
			try (InputStream body = this.client.openEventStream(this.channelId)) {
				return BodySpool.read(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		if (MessageDigest.isEqual(read.digest(), digest)) {
			read.close();
			this.fingerprint = read.digest();
			this.finished = true;
			return true;
		}
		this.spool = read;
		return false;
	}

	/**
	 * The {@link BodyFingerprint} of the whole response once every event of it has been read (see
	 * {@link #unchangedSince}), or null before, or when the body did not end with its list.
	 */
	public @Nullable byte[] fingerprint() {
		return (this.fingerprint != null) ? this.fingerprint.clone() : null;
	}

	/** The {@code total} of the response once it has been read, else -1. */
	public long total() {
		return this.total;
	}

	private void open() {
		if (this.spool != null) {
			// parsed once from the spool; should that fail, the retry reads the network again
			BodySpool spooled = this.spool;
			this.spool = null;
			try {
				this.body = spooled.open();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				spooled.close();
			}
			this.spooledDigest = spooled.digest();
			this.digest = null;
		}
		else {
			this.digest = new BodyFingerprint();
			this.spooledDigest = null;
			this.body = new DigestInputStream(this.client.openEventStream(this.channelId), this.digest);
		}
		this.parser = this.json.createParser(this.body);
		JsonParser p = this.parser;
		if (p.nextToken() != JsonToken.START_OBJECT) {
			throw ErrorMapping.malformed(this.what, "the body is not a JSON object", null);
		}
		while (true) {
			JsonToken token = p.nextToken();
			if (token == JsonToken.END_OBJECT || token == null) {
				throw ErrorMapping.malformed(this.what, "no 'content' array in the response", null);
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
				throw ErrorMapping.malformed(this.what,
						"the list became shorter while being read again (" + i + " < " + this.delivered + ")", null);
			}
			p.skipChildren();
		}
	}

	private @Nullable EventDto advance() {
		JsonParser p = this.parser;
		JsonToken token = p.nextToken();
		if (token == null) {
			throw ErrorMapping.malformed(this.what, "the body ended inside the event list", null);
		}
		if (token == JsonToken.END_ARRAY) {
			readRest(p);
			this.fingerprint = digestOfWholeBody();
			this.finished = true;
			closeQuietly();
			return null;
		}
		EventDto event = EventFields.read(p, this.json, this.channelId, this.what);
		this.delivered++;
		return event;
	}

	// the parser stops at the closing brace: what may follow it (whitespace) still belongs to the body
	private @Nullable byte[] digestOfWholeBody() {
		if (this.spooledDigest != null) {
			return this.spooledDigest;
		}
		try {
			byte[] rest = new byte[8192];
			long trailing = 0;
			int n;
			while ((n = this.body.read(rest)) > 0) {
				trailing += n;
				if (trailing > MAX_TRAILING_BYTES) {
					return null;
				}
			}
			return this.digest.digest();
		}
		catch (IOException ex) {
			// the list itself was complete; only its fingerprint is lost
			return null;
		}
	}

	// the fields after the list (total) and the closing brace: a body cut off here is still incomplete
	private void readRest(JsonParser p) {
		JsonToken token;
		while ((token = p.nextToken()) != JsonToken.END_OBJECT) {
			if (token == null) {
				throw ErrorMapping.malformed(this.what, "the body ended before its closing brace", null);
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
		if (this.spool != null) {
			this.spool.close();
			this.spool = null;
		}
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
