package dev.lsarchive.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * A response body read under a whole-response timeout, from the request to the last byte. The
 * connection's own timeout bounds each wait for the gateway; this one stops an answer that keeps
 * arriving too slowly. Closed before its end, the body drops its connection rather than letting
 * the pool read the rest of a list that may hold a million events.
 */
final class ResponseBody extends FilterInputStream {

	// what may be left after a JSON body's closing brace: read, so that the connection is reused
	private static final int DRAINED_ON_CLOSE = 16 * 1024;

	private final long deadline;

	private final Duration timeout;

	/** {@code body} of a request sent at {@code requestedAt} ({@link System#nanoTime()}). */
	ResponseBody(InputStream body, long requestedAt, Duration timeout) {
		super(body);
		this.deadline = requestedAt + timeout.toNanos();
		this.timeout = timeout;
	}

	@Override
	public int read() throws IOException {
		checkDeadline();
		return this.in.read();
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		checkDeadline();
		return this.in.read(buffer, offset, length);
	}

	@Override
	public long skip(long count) throws IOException {
		checkDeadline();
		return this.in.skip(count);
	}

	@Override
	public void close() throws IOException {
		if (this.in instanceof EofSensorInputStream sensor) {
			// at its end, the body gives the connection back to the pool; short of it, the connection goes
			if (!drained()) {
				sensor.abort();
			}
		}
		else {
			this.in.close();
		}
	}

	private boolean drained() {
		byte[] rest = new byte[4096];
		long left = DRAINED_ON_CLOSE;
		try {
			int n;
			while ((n = read(rest, 0, (int) Math.min(rest.length, left + 1))) >= 0) {
				left -= n;
				if (left < 0) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void checkDeadline() throws SocketTimeoutException {
		if (System.nanoTime() - this.deadline > 0) {
			throw new SocketTimeoutException("the answer took longer than " + this.timeout + " to arrive whole");
		}
	}

}
