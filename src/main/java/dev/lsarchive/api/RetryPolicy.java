package dev.lsarchive.api;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.ResourceAccessException;

import tools.jackson.core.JacksonException;

/**
 * Which failed requests may succeed later, and after what wait. Retried: HTTP 429, 500, 502, 503
 * and 504, an I/O failure, a body cut off or malformed; never a refusal (401, 403) or another 4xx.
 * The wait is what {@code Retry-After} asks for, else an exponential backoff with jitter, either capped
 * at the longest backoff. The same rule tells the job that a relaunch a little later is expected to
 * fix a failure (exit code 75).
 */
public final class RetryPolicy {

	// retries are the client's doing: told under its name, as operators know them
	private static final Logger log = LoggerFactory.getLogger(LiveStationClient.class);

	// the gateway or Live Station overloaded or briefly down: nothing wrong with the request itself
	private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);

	// 2^20 times the first wait is past any longest backoff, and the shift never overflows
	private static final int MAX_DOUBLINGS = 20;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final LongUnaryOperator jitter;

	/** {@code maxAttempts} attempts, the first included, waiting from {@code initialBackoff} up to {@code maxBackoff}. */
	RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		this(maxAttempts, initialBackoff, maxBackoff, (bound) -> ThreadLocalRandom.current().nextLong(bound + 1));
	}

	/** As above, with {@code jitter} giving a number from 0 to its argument, both included (tests: fixed). */
	RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, LongUnaryOperator jitter) {
		this.maxAttempts = maxAttempts;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.jitter = jitter;
	}

	/** The policy {@code properties} set. */
	static RetryPolicy of(LiveStationProperties properties) {
		return new RetryPolicy(properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff());
	}

	/** Whether an answer with HTTP {@code status} may be different when the request is sent again. */
	public static boolean retriesStatus(int status) {
		return RETRIED_STATUSES.contains(status);
	}

	/**
	 * Whether the request that failed with {@code failure} may succeed when sent again: an API error
	 * as it was judged when it was made (status, malformed or cut-off body), an I/O failure, a body
	 * that could not be parsed.
	 */
	public static boolean isRetryable(Throwable failure) {
		if (failure instanceof LiveStationApiException api) {
			return api.isRetryable();
		}
		return failure instanceof ResourceAccessException || failure instanceof UncheckedIOException
				|| failure instanceof JacksonException;
	}

	/** The wait before the next attempt after attempt {@code attempt} (1 for the first) failed with {@code failure}. */
	Duration waitAfter(int attempt, @Nullable Throwable failure) {
		if (failure instanceof LiveStationApiException api && api.retryAfter() != null) {
			return Duration.ofMillis(Math.min(api.retryAfter().toMillis(), this.maxBackoff.toMillis()));
		}
		// "equal jitter": half fixed, half random, so that parallel partitions do not retry in step
		long exponential = Math.min(this.maxBackoff.toMillis(),
				this.initialBackoff.toMillis() << Math.min(attempt - 1, MAX_DOUBLINGS));
		long half = Math.max(1, exponential / 2);
		return Duration.ofMillis(half + this.jitter.applyAsLong(half));
	}

	/** The wait a {@code Retry-After} header asks for: seconds, or an HTTP date judged by {@code clock}. */
	static @Nullable Duration retryAfter(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(clock.instant(), at.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (RuntimeException notADate) {
				return null;
			}
		}
	}

	/** The Resilience4j retry that applies this policy, counting and logging every retry in {@code stats}. */
	Retry retry(ApiCallStats stats) {
		Retry retry = Retry.of("livestation-api", RetryConfig.custom()
			.maxAttempts(this.maxAttempts)
			.retryOnException(RetryPolicy::isRetryable)
			.intervalBiFunction((attempt, outcome) -> waitAfter(attempt, outcome.isLeft() ? outcome.getLeft() : null)
				.toMillis())
			.build());
		retry.getEventPublisher().onRetry((event) -> {
			stats.retried(event.getWaitInterval());
			log.info("Retrying {} (attempt {} of {}) in {} ms: {}", event.getName(), event.getNumberOfRetryAttempts() + 1,
					this.maxAttempts, event.getWaitInterval().toMillis(),
					(event.getLastThrowable() != null) ? event.getLastThrowable().getMessage() : "");
		});
		return retry;
	}

}
