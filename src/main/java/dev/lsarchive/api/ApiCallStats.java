package dev.lsarchive.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Process-wide counters of what the client did: requests sent, retries and their waits, throttled answers. */
public final class ApiCallStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong retryWaitMillis = new AtomicLong();

	void requestSent() {
		this.requests.incrementAndGet();
	}

	void retried(Duration wait) {
		this.retries.incrementAndGet();
		this.retryWaitMillis.addAndGet(wait.toMillis());
	}

	void throttled() {
		this.throttled.incrementAndGet();
	}

	void failed() {
		this.failures.incrementAndGet();
	}

	/** A consistent-enough copy of the counters. */
	public Snapshot snapshot() {
		return new Snapshot(this.requests.get(), this.retries.get(), this.throttled.get(), this.failures.get(),
				this.retryWaitMillis.get());
	}

	/**
	 * Counter values at one moment.
	 *
	 * @param requests HTTP requests sent, retries included
	 * @param retries attempts that were retries of a failed attempt
	 * @param throttled answers with HTTP 429
	 * @param failures requests that failed for good (after their last attempt)
	 * @param retryWaitMillis time waited before retries, in milliseconds (backoff or {@code Retry-After})
	 */
	public record Snapshot(long requests, long retries, long throttled, long failures, long retryWaitMillis) {

		/** What happened between an earlier snapshot and this one. */
		public Snapshot since(Snapshot earlier) {
			return new Snapshot(this.requests - earlier.requests, this.retries - earlier.retries,
					this.throttled - earlier.throttled, this.failures - earlier.failures,
					this.retryWaitMillis - earlier.retryWaitMillis);
		}

	}

}
