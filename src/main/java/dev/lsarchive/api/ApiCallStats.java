package dev.lsarchive.api;

import java.util.concurrent.atomic.AtomicLong;

/** Process-wide counters of what the client did: requests sent, retries, throttled answers. */
public final class ApiCallStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	void requestSent() {
		this.requests.incrementAndGet();
	}

	void retried() {
		this.retries.incrementAndGet();
	}

	void throttled() {
		this.throttled.incrementAndGet();
	}

	void failed() {
		this.failures.incrementAndGet();
	}

	/** A consistent-enough copy of the counters. */
	public Snapshot snapshot() {
		return new Snapshot(this.requests.get(), this.retries.get(), this.throttled.get(), this.failures.get());
	}

	/**
	 * Counter values at one moment.
	 *
	 * @param requests HTTP requests sent, retries included
	 * @param retries attempts that were retries of a failed attempt
	 * @param throttled answers with HTTP 429
	 * @param failures requests that failed for good (after their last attempt)
	 */
	public record Snapshot(long requests, long retries, long throttled, long failures) {

		/** What happened between an earlier snapshot and this one. */
		public Snapshot since(Snapshot earlier) {
			return new Snapshot(this.requests - earlier.requests, this.retries - earlier.retries,
					this.throttled - earlier.throttled, this.failures - earlier.failures);
		}

	}

}
