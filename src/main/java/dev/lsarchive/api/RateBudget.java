package dev.lsarchive.api;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * The request budget of the whole process: so many requests per second, shared by every caller and
 * every attempt. A request over budget waits for the next second; it is never refused.
 */
final class RateBudget {

	private final RateLimiter limiter;

	RateBudget(int requestsPerSecond) {
		this.limiter = RateLimiter.of("livestation-api", RateLimiterConfig.custom()
			.limitForPeriod(requestsPerSecond)
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(Duration.ofHours(1))
			.build());
	}

	/** Waits for the budget, then tells when the request goes out ({@link System#nanoTime()}): its timeout starts then. */
	long awaitTurn() {
		RateLimiter.waitForPermission(this.limiter);
		return System.nanoTime();
	}

}
