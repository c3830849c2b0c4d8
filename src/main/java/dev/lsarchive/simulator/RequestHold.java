package dev.lsarchive.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds one request of the simulator, the {@code nth} whose path starts with a prefix, until it is
 * released: a drill then knows exactly where its client stands (blocked on that request) when it
 * stops or kills it, instead of guessing from outside.
 */
public final class RequestHold implements AutoCloseable {

	// a held request never outlives a drill that forgot to release it by much
	private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

	private final String pathPrefix;

	private final int nth;

	private final AtomicInteger seen = new AtomicInteger();

	private final CountDownLatch arrived = new CountDownLatch(1);

	private final CountDownLatch released = new CountDownLatch(1);

	RequestHold(String pathPrefix, int nth) {
		if (nth < 1) {
			throw new IllegalArgumentException("nth counts from 1: " + nth);
		}
		this.pathPrefix = pathPrefix;
		this.nth = nth;
	}

	// on the request's thread: blocks the nth matching request until released
	void pass(String path) throws InterruptedException {
		if (path.startsWith(this.pathPrefix) && this.seen.incrementAndGet() == this.nth) {
			this.arrived.countDown();
			this.released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Waits up to {@code timeout} for the held request; true when it arrived. */
	public boolean awaitArrival(Duration timeout) throws InterruptedException {
		return this.arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Lets the held request (and any later one) through. */
	@Override
	public void close() {
		this.released.countDown();
	}

}
