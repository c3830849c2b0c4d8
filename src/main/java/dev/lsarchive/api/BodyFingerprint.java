package dev.lsarchive.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * What tells an event list received again byte for byte from one that changed: its length and two
 * checksums of different polynomials (CRC-32C and CRC-32), 16 bytes in all. A list that changes by
 * chance keeps all three with a probability of about 2<sup>-64</sup>; the API is no adversary of the
 * archive (its answers come over TLS), so a cryptographic digest buys nothing here, and it costs: the
 * jobs run C1-compiled code only, where SHA-256 has no intrinsic and digests 200 MB in 1.4 CPU-s, while
 * both CRCs are intrinsics in every compiler and take 10 ms (docs/performance.md).
 * <p>
 * A {@link MessageDigest}, so that it digests a stream as it is read ({@code DigestInputStream}).
 */
final class BodyFingerprint extends MessageDigest {

	/** Bytes of a fingerprint. */
	static final int LENGTH = 16;

	private final CRC32C crc32c = new CRC32C();

	private final CRC32 crc32 = new CRC32();

	private long length;

	BodyFingerprint() {
		super("CRC32C+CRC32+length");
	}

	@Override
	protected void engineUpdate(byte input) {
		this.crc32c.update(input);
		this.crc32.update(input);
		this.length++;
	}

	@Override
	protected void engineUpdate(byte[] input, int offset, int len) {
		this.crc32c.update(input, offset, len);
		this.crc32.update(input, offset, len);
		this.length += len;
	}

	@Override
	protected byte[] engineDigest() {
		byte[] fingerprint = ByteBuffer.allocate(LENGTH)
			.putInt((int) this.crc32c.getValue())
			.putInt((int) this.crc32.getValue())
			.putLong(this.length)
			.array();
		engineReset();
		return fingerprint;
	}

	@Override
	protected void engineReset() {
		this.crc32c.reset();
		this.crc32.reset();
		this.length = 0;
	}

	@Override
	protected int engineGetDigestLength() {
		return LENGTH;
	}

}
