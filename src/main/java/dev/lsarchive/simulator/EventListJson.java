package dev.lsarchive.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Renders an event list response straight to bytes. The simulator shares the machine with the job
 * it serves in the benchmark; rendering a million events through a general JSON generator cost it
 * more CPU than the archive spent reading them, which distorted what the benchmark measures.
 */
final class EventListJson {

	private static final byte[] CHANNEL_ID = ascii("{\"channelId\":");

	private static final byte[] LOG_LEVEL_FIRST = ascii("{\"logLevel\":");

	private static final byte[] LOG_LEVEL = ascii(",\"logLevel\":");

	private static final byte[] EVENT_CODE = ascii(",\"eventCode\":");

	private static final byte[] DESCRIPTION = ascii(",\"description\":");

	private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");

	private static final byte[] HEX = ascii("0123456789abcdef");

	private final OutputStream out;

	// the extra fields of every event, ready to write before its closing brace; empty without
	private final byte[] extra;

	private final byte[] buffer = new byte[64 * 1024];

	private int length;

	private EventListJson(OutputStream out, byte[] extra) {
		this.out = out;
		this.extra = extra;
	}

	/**
	 * Writes {@code {"content":[…],"total":n}} with the events of {@code channels} that happened from
	 * {@code fromMillis} (exclusive: the retention window) through {@code nowMillis} (the account's
	 * time: the API shows no event before it happens), in order; at most the newest {@code cap} of
	 * each channel when {@code cap} is positive; every event with the fields of {@code extra}.
	 */
	static void write(OutputStream out, SimulatedDataset dataset, List<SimulatedChannel> channels, long fromMillis,
			long nowMillis, int cap, ExtraFields extra) throws IOException {
		long total = 0;
		EventListJson json = new EventListJson(out, extra.appendix());
		json.raw(ascii("{\"content\":["));
		boolean first = true;
		for (SimulatedChannel channel : channels) {
			byte[] channelId = quoted(channel.channelId());
			long skip = (cap > 0) ? Math.max(0, shown(dataset, channel, fromMillis, nowMillis) - cap) : 0;
			Iterator<SimulatedEvent> events = dataset.events(channel, nowMillis);
			while (events.hasNext()) {
				SimulatedEvent event = events.next();
				if (event.timestamp() <= fromMillis || skip-- > 0) {
					continue;
				}
				if (!first) {
					json.raw((byte) ',');
				}
				first = false;
				json.event(event, channelId);
				total++;
			}
		}
		json.raw(ascii("],\"total\":")).raw(ascii(Long.toString(total))).raw((byte) '}');
		json.flush();
	}

	private static long shown(SimulatedDataset dataset, SimulatedChannel channel, long fromMillis, long nowMillis) {
		long shown = 0;
		for (Iterator<SimulatedEvent> events = dataset.events(channel, nowMillis); events.hasNext();) {
			if (events.next().timestamp() > fromMillis) {
				shown++;
			}
		}
		return shown;
	}

	private void event(SimulatedEvent event, byte[] channelId) throws IOException {
		if (event.withChannelId()) {
			raw(CHANNEL_ID).raw(channelId).raw(LOG_LEVEL);
		}
		else {
			raw(LOG_LEVEL_FIRST);
		}
		string(event.logLevel()).raw(EVENT_CODE).string(event.reportedEventCode());
		raw(DESCRIPTION).string(event.description());
		switch (event.form()) {
			case MILLIS -> raw(TIMESTAMP).number(event.timestamp());
			case SECONDS -> raw(TIMESTAMP).number(event.timestamp() / 1000);
			case BAD -> {
				switch ((int) (event.timestamp() % 4)) {
					case 0 -> raw(TIMESTAMP).string("yesterday");
					case 1 -> raw(TIMESTAMP).number(-event.timestamp());
					case 2 -> raw(TIMESTAMP).number(event.timestamp() + 3_153_600_000_000L);
					default -> {
						// no timestamp at all
					}
				}
			}
		}
		if (this.extra.length > 0) {
			raw(this.extra);
		}
		raw((byte) '}');
	}

	private EventListJson string(String value) throws IOException {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		for (byte b : utf8) {
			if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
				return raw(quoted(value));
			}
		}
		return raw((byte) '"').raw(utf8).raw((byte) '"');
	}

	private EventListJson number(long value) throws IOException {
		return raw(ascii(Long.toString(value)));
	}

	// a JSON string literal, UTF-8
	private static byte[] quoted(String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		byte[] quoted = new byte[utf8.length * 6 + 2];
		int n = 0;
		quoted[n++] = '"';
		for (byte b : utf8) {
			if (b == '"' || b == '\\') {
				quoted[n++] = '\\';
				quoted[n++] = b;
			}
			else if (b >= 0 && b < 0x20) {
				quoted[n++] = '\\';
				quoted[n++] = 'u';
				quoted[n++] = '0';
				quoted[n++] = '0';
				quoted[n++] = HEX[b >> 4];
				quoted[n++] = HEX[b & 0xF];
			}
			else {
				quoted[n++] = b;
			}
		}
		quoted[n++] = '"';
		return Arrays.copyOf(quoted, n);
	}

	private EventListJson raw(byte[] bytes) throws IOException {
		if (this.length + bytes.length > this.buffer.length) {
			flush();
			if (bytes.length > this.buffer.length) {
				this.out.write(bytes);
				return this;
			}
		}
		System.arraycopy(bytes, 0, this.buffer, this.length, bytes.length);
		this.length += bytes.length;
		return this;
	}

	private EventListJson raw(byte b) throws IOException {
		if (this.length == this.buffer.length) {
			flush();
		}
		this.buffer[this.length++] = b;
		return this;
	}

	private void flush() throws IOException {
		this.out.write(this.buffer, 0, this.length);
		this.length = 0;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
