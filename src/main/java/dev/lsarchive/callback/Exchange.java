package dev.lsarchive.callback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

/**
 * One callback request between its arrival and its answer, answered exactly once (by the committer, a
 * timeout or a refusal, whichever comes first). Ordered by arrival, so that the receiver knows the
 * oldest request it has not answered yet.
 */
final class Exchange implements Comparable<Exchange> {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final AsyncContext async;

	private final long receivedMicros;

	private final long sequence = SEQUENCE.incrementAndGet();

	private final long startNanos;

	private final AtomicBoolean answered = new AtomicBoolean();

	// the batch that is committing it, if any: that commit does not wait for itself
	private volatile @Nullable Object committingIn;

	Exchange(AsyncContext async, long receivedMicros, long startNanos) {
		this.async = async;
		this.receivedMicros = receivedMicros;
		this.startNanos = startNanos;
	}

	/** When it arrived, in microseconds since the epoch. */
	long receivedMicros() {
		return this.receivedMicros;
	}

	/** When it arrived, by {@link System#nanoTime()}. */
	long startNanos() {
		return this.startNanos;
	}

	@Nullable Object committingIn() {
		return this.committingIn;
	}

	void committingIn(@Nullable Object batch) {
		this.committingIn = batch;
	}

	boolean isAnswered() {
		return this.answered.get();
	}

	/**
	 * Answers with {@code status} and a one-line {@code message} (none for 204), unless it was answered
	 * already; true when this call answered it.
	 */
	boolean answer(int status, @Nullable String message, @Nullable String retryAfterSeconds) {
		if (!this.answered.compareAndSet(false, true)) {
			return false;
		}
		try {
			HttpServletResponse response = (HttpServletResponse) this.async.getResponse();
			write(response, status, message, retryAfterSeconds);
		}
		catch (IOException | IllegalStateException gone) {
			// the sender has gone: it never sees the answer, and will deliver again
		}
		finally {
			try {
				this.async.complete();
			}
			catch (IllegalStateException alreadyEnded) {
				// the container ended the request first (a closed connection)
			}
		}
		return true;
	}

	/** Writes a short plain-text answer; {@code Connection: close} for the statuses after which a body may remain unread. */
	static void write(HttpServletResponse response, int status, @Nullable String message,
			@Nullable String retryAfterSeconds) throws IOException {
		response.setStatus(status);
		if (retryAfterSeconds != null) {
			response.setHeader("Retry-After", retryAfterSeconds);
		}
		if (status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
			response.setHeader("Connection", "close");
		}
		if (message != null) {
			byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
			response.setContentType("text/plain;charset=UTF-8");
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
	}

	@Override
	public int compareTo(Exchange other) {
		int byTime = Long.compare(this.receivedMicros, other.receivedMicros);
		return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.sequence);
	}

}
