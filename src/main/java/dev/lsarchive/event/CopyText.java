package dev.lsarchive.event;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Rows in PostgreSQL's COPY text format, written straight as UTF-8 bytes: building a String of a
 * chunk and letting the driver encode it again cost as much as PostgreSQL's own parsing of it.
 */
final class CopyText {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private byte[] bytes;

	private int length;

	CopyText(int capacity) {
		this.bytes = new byte[Math.max(64, capacity)];
	}

	/** A text column: {@code \N} for null, backslash escapes for the delimiter, line breaks and backslash. */
	CopyText text(@Nullable String value) {
		if (value == null) {
			return ascii('\\').ascii('N');
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		ensure(utf8.length * 2);
		for (byte b : utf8) {
			switch (b) {
				case '\\' -> put('\\', '\\');
				case '\t' -> put('\\', 't');
				case '\n' -> put('\\', 'n');
				case '\r' -> put('\\', 'r');
				default -> this.bytes[this.length++] = b;
			}
		}
		return this;
	}

	/** A uuid column. */
	CopyText uuid(UUID value) {
		ensure(36);
		hex(value.getMostSignificantBits() >>> 32, 8);
		this.bytes[this.length++] = '-';
		hex(value.getMostSignificantBits() >>> 16, 4);
		this.bytes[this.length++] = '-';
		hex(value.getMostSignificantBits(), 4);
		this.bytes[this.length++] = '-';
		hex(value.getLeastSignificantBits() >>> 48, 4);
		this.bytes[this.length++] = '-';
		hex(value.getLeastSignificantBits(), 12);
		return this;
	}

	/** A timestamptz column, from epoch milliseconds, in UTC. */
	CopyText instant(long epochMillis) {
		LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
				(int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
		if (time.getYear() < 1 || time.getYear() > 9999) {
			return text(Instant.ofEpochMilli(epochMillis).toString());
		}
		ensure(30);
		digits(time.getYear(), 4).ascii('-').digits(time.getMonthValue(), 2).ascii('-').digits(time.getDayOfMonth(), 2);
		ascii(' ').digits(time.getHour(), 2).ascii(':').digits(time.getMinute(), 2).ascii(':');
		digits(time.getSecond(), 2).ascii('.').digits(time.getNano() / 1_000_000, 3).ascii('+').digits(0, 2);
		return this;
	}

	/** A boolean column. */
	CopyText bool(boolean value) {
		return ascii(value ? 't' : 'f');
	}

	/** The column delimiter. */
	CopyText tab() {
		return ascii('\t');
	}

	/** The end of a row. */
	CopyText endRow() {
		return ascii('\n');
	}

	/** What was written, for {@code CopyManager.copyIn}. */
	InputStream stream() {
		return new ByteArrayInputStream(this.bytes, 0, this.length);
	}

	int length() {
		return this.length;
	}

	private CopyText ascii(char c) {
		ensure(1);
		this.bytes[this.length++] = (byte) c;
		return this;
	}

	private void put(char a, char b) {
		this.bytes[this.length++] = (byte) a;
		this.bytes[this.length++] = (byte) b;
	}

	private CopyText digits(int value, int width) {
		ensure(width);
		for (int i = width - 1; i >= 0; i--) {
			this.bytes[this.length + i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		this.length += width;
		return this;
	}

	private void hex(long value, int width) {
		for (int i = width - 1; i >= 0; i--) {
			this.bytes[this.length + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
		this.length += width;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
