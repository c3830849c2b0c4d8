package dev.lsarchive.callback;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Reads a request body as it arrives, without holding a thread while the sender is slow, and stops at
 * the size limit: a larger body is never read whole.
 */
final class BodyReader implements ReadListener {

	/** What becomes of the body. */
	interface Receiver {

		/** The whole body: its first {@code length} bytes. */
		void body(byte[] body, int length);

		/** The body passed the limit; {@code prefix} holds what was read. */
		void tooLarge(byte[] prefix, int length);

		/** The body could not be read (the connection failed). */
		void failed();

	}

	private final ServletInputStream input;

	private final int limit;

	private final Receiver receiver;

	private byte[] buffer;

	private int length;

	private boolean done;

	BodyReader(ServletInputStream input, int limit, int declaredLength, Receiver receiver) {
		this.input = input;
		this.limit = limit;
		this.receiver = receiver;
		this.buffer = new byte[Math.min(limit + 1, Math.max(256, declaredLength))];
	}

	@Override
	public void onDataAvailable() throws IOException {
		while (!this.done && this.input.isReady()) {
			if (this.length == this.buffer.length) {
				if (this.length > this.limit) {
					this.done = true;
					this.receiver.tooLarge(this.buffer, this.limit);
					return;
				}
				this.buffer = Arrays.copyOf(this.buffer, Math.min(this.limit + 1, this.buffer.length * 2));
			}
			int read = this.input.read(this.buffer, this.length, this.buffer.length - this.length);
			if (read < 0) {
				return;
			}
			this.length += read;
			if (this.length > this.limit) {
				this.done = true;
				this.receiver.tooLarge(this.buffer, this.limit);
				return;
			}
		}
	}

	@Override
	public void onAllDataRead() {
		if (!this.done) {
			this.done = true;
			this.receiver.body(this.buffer, this.length);
		}
	}

	@Override
	public void onError(Throwable failure) {
		if (!this.done) {
			this.done = true;
			this.receiver.failed();
		}
	}

}
