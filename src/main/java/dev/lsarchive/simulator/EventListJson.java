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
 * more CPU than the archive spent reading them, which distorted what the benchmark measures. For the
 * same reason an event's strings are encoded once per wording of a channel, not once per event (see
 * {@link Openings}), and its timestamp's digits go straight into the buffer.
 */
final class EventListJson {

	private static final byte[] CHANNEL_ID = ascii("{\"channelId\":");

	private static final byte[] LOG_LEVEL_FIRST = ascii("{\"logLevel\":");

	private static final byte[] LOG_LEVEL = ascii(",\"logLevel\":");

	private static final byte[] EVENT_CODE = ascii(",\"eventCode\":");

	private static final byte[] DESCRIPTION = ascii(",\"description\":");

	private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");

	private static final byte[] HEX = ascii("0123456789abcdef");

	private static final byte[] YESTERDAY = quoted("yesterday");

	private final OutputStream out;

	// the extra fields of every event, ready to write before its closing brace; empty without
	private final byte[] extra;

	private final byte[] buffer = new byte[64 * 1024];

	private final Openings openings = new Openings();

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
			json.openings.startChannel(channel.channelId());
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
				json.event(event);
				total++;
			}
		}
		json.raw(ascii("],\"total\":")).number(total).raw((byte) '}');
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

	private void event(SimulatedEvent event) throws IOException {
		raw(this.openings.of(event));
		switch (event.form()) {
			case MILLIS -> raw(TIMESTAMP).number(event.timestamp());
			case SECONDS -> raw(TIMESTAMP).number(event.timestamp() / 1000);
			case BAD -> {
				switch ((int) (event.timestamp() % 4)) {
					case 0 -> raw(TIMESTAMP).raw(YESTERDAY);
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

	private EventListJson number(long value) throws IOException {
		if (value == Long.MIN_VALUE) {
			return raw(ascii(Long.toString(value)));
		}
		if (this.length + 20 > this.buffer.length) {
			flush();
		}
		if (value < 0) {
			this.buffer[this.length++] = '-';
		}
		digits(Math.abs(value));
		return this;
	}

	// eight digits at a time, each by a multiplication: a division per digit took a third of the rendering
	private void digits(long value) {
		long high = value / 100_000_000L;
		int low = (int) (value - high * 100_000_000L);
		if (high == 0) {
			digits(low, 0);
			return;
		}
		if (high >= 100_000_000L) {
			digits(high);
		}
		else {
			digits((int) high, 0);
		}
		digits(low, 8);
	}

	// {@code value} (below 10^8) in at least {@code width} digits, zeros first
	private void digits(int value, int width) {
		int count = 1;
		for (int bound = 10; count < 8 && value >= bound; bound *= 10) {
			count++;
		}
		count = Math.max(count, width);
		long rest = value;
		for (int i = this.length + count - 1; i >= this.length; i--) {
			// rest / 10, exact for every rest below 2^32
			long tenth = (rest * 0xCCCCCCCDL) >>> 35;
			this.buffer[i] = (byte) ('0' + (rest - tenth * 10));
			rest = tenth;
		}
		this.length += count;
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

	/**
	 * How the events of one channel open, as bytes: the brace, {@code channelId} when the event has it,
	 * {@code logLevel}, {@code eventCode} and {@code description}, by their wording: a channel's
	 * events repeat a few dozen wordings, mostly the very same strings, so an event costs a lookup
	 * instead of encoding and escaping four strings.
	 */
	private static final class Openings {

		// a power of two, twice the most openings kept
		private static final int SLOTS = 256;

		private final Opening[] slots = new Opening[SLOTS];

		private byte[] channelId = new byte[0];

		private int kept;

		/** Forgets the openings of the channel before: the events to come are {@code channelId}'s. */
		void startChannel(String channelId) {
			Arrays.fill(this.slots, null);
			this.kept = 0;
			this.channelId = quoted(channelId);
		}

		byte[] of(SimulatedEvent event) {
			int hash = ((event.description().hashCode() * 31 + event.reportedEventCode().hashCode()) * 31
					+ event.logLevel().hashCode()) * 2 + (event.withChannelId() ? 1 : 0);
			int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
			for (Opening opening = this.slots[slot]; opening != null; opening = this.slots[slot]) {
				if (opening.opens(event)) {
					return opening.bytes();
				}
				slot = (slot + 1) & (SLOTS - 1);
			}
			byte[] bytes = render(event);
			// events that all read differently are rendered each on their own once the table is half full
			if (this.kept < SLOTS / 2) {
				this.slots[slot] = new Opening(event.withChannelId(), event.logLevel(), event.reportedEventCode(),
						event.description(), bytes);
				this.kept++;
			}
			return bytes;
		}

		private byte[] render(SimulatedEvent event) {
			byte[] start = event.withChannelId() ? concat(CHANNEL_ID, this.channelId, LOG_LEVEL) : LOG_LEVEL_FIRST;
			return concat(start, quoted(event.logLevel()), EVENT_CODE, quoted(event.reportedEventCode()), DESCRIPTION,
					quoted(event.description()));
		}

		private static byte[] concat(byte[]... parts) {
			int size = 0;
			for (byte[] part : parts) {
				size += part.length;
			}
			byte[] all = new byte[size];
			int at = 0;
			for (byte[] part : parts) {
				System.arraycopy(part, 0, all, at, part.length);
				at += part.length;
			}
			return all;
		}

	}

	/** The opening of the events that read this way. */
	private record Opening(boolean withChannelId, String logLevel, String eventCode, String description,
			byte[] bytes) {

		boolean opens(SimulatedEvent event) {
			return event.withChannelId() == this.withChannelId && same(event.description(), this.description)
					&& same(event.reportedEventCode(), this.eventCode) && same(event.logLevel(), this.logLevel);
		}

		private static boolean same(String a, String b) {
			return a == b || a.equals(b);
		}

	}

}
