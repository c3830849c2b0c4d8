package dev.lsarchive.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A whole response body and its {@link BodyFingerprint}, kept in memory up to {@link #IN_MEMORY} bytes and in a
 * temporary file beyond, so that a million-event list costs no heap. Read first, parsed only when
 * its fingerprint says it changed.
 */
final class BodySpool implements AutoCloseable {

	/** Bytes kept on the heap before the rest goes to a temporary file. */
	static final int IN_MEMORY = 4 * 1024 * 1024;

	private byte[] memory = new byte[64 * 1024];

	private int length;

	private @Nullable Path file;

	private byte[] digest = new byte[0];

	private BodySpool() {
	}

	/** Reads {@code body} to its end. */
	static BodySpool read(InputStream body) throws IOException {
		BodySpool spool = new BodySpool();
		MessageDigest fingerprint = new BodyFingerprint();
		byte[] buffer = new byte[64 * 1024];
		OutputStream overflow = null;
		try {
			int n;
			while ((n = body.read(buffer)) > 0) {
				fingerprint.update(buffer, 0, n);
				if (overflow == null && spool.length + n <= IN_MEMORY) {
					spool.append(buffer, n);
					continue;
				}
				if (overflow == null) {
					spool.file = Files.createTempFile("livestation-events-", ".json");
					overflow = Files.newOutputStream(spool.file);
					overflow.write(spool.memory, 0, spool.length);
					spool.memory = new byte[0];
				}
				overflow.write(buffer, 0, n);
			}
		}
		catch (IOException | RuntimeException ex) {
			spool.close();
			throw ex;
		}
		finally {
			if (overflow != null) {
				overflow.close();
			}
		}
		spool.digest = fingerprint.digest();
		return spool;
	}

	/** The body's {@link BodyFingerprint}. */
	byte[] digest() {
		return this.digest.clone();
	}

	/** The body, from its first byte. */
	InputStream open() throws IOException {
		return (this.file != null) ? Files.newInputStream(this.file)
				: new ByteArrayInputStream(this.memory, 0, this.length);
	}

	@Override
	public void close() {
		this.memory = new byte[0];
		if (this.file != null) {
			try {
				Files.deleteIfExists(this.file);
			}
			catch (IOException ex) {
				// a temporary file left behind is the operating system's to clean up
			}
			this.file = null;
		}
	}

	private void append(byte[] buffer, int n) {
		if (this.length + n > this.memory.length) {
			this.memory = Arrays.copyOf(this.memory, Math.max(this.memory.length * 2, this.length + n));
		}
		System.arraycopy(buffer, 0, this.memory, this.length, n);
		this.length += n;
	}

}
