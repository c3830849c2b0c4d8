package dev.lsarchive.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.ResourceAccessException;

import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RetryPolicyTests {

	private static final Duration INITIAL = Duration.ofMillis(100);

	private static final Duration MAX = Duration.ofSeconds(1);

	@Test
	void retriesThrottlingAndServerOutagesButNeverARefusalOrAnotherClientError() {
		// then
		for (int status : new int[] { 429, 500, 502, 503, 504 }) {
			assertThat(RetryPolicy.retriesStatus(status)).as("HTTP %d", status).isTrue();
		}
		for (int status : new int[] { 200, 400, 401, 403, 404, 409, 501, 505 }) {
			assertThat(RetryPolicy.retriesStatus(status)).as("HTTP %d", status).isFalse();
		}
	}

	@Test
	void retriesIoFailuresAndUnparsableBodiesAndApiErrorsAsTheyWereJudged() {
		// given
		JacksonException unparsable = catchJackson("{\"content\": [");

		// then
		assertThat(RetryPolicy.isRetryable(new ResourceAccessException("I/O error: Connection reset"))).isTrue();
		assertThat(RetryPolicy.isRetryable(new UncheckedIOException(new IOException("Premature end")))).isTrue();
		assertThat(RetryPolicy.isRetryable(unparsable)).isTrue();
		assertThat(RetryPolicy.isRetryable(apiError(503, true))).isTrue();
		assertThat(RetryPolicy.isRetryable(apiError(404, false))).isFalse();
		assertThat(RetryPolicy.isRetryable(new LiveStationAuthException("refused", 401, "200", null))).isFalse();
		assertThat(RetryPolicy.isRetryable(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void backsOffExponentiallyWithEqualJitterUpToTheLongestWait() {
		// given: the jitter at either end of its range
		RetryPolicy lowest = new RetryPolicy(6, INITIAL, MAX, (bound) -> 0);
		RetryPolicy highest = new RetryPolicy(6, INITIAL, MAX, (bound) -> bound);

		// then: half of 100, 200, 400, 800, then 1000 ms at least, the whole at most
		assertThat(waits(lowest)).containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
		assertThat(waits(highest)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
		assertThat(lowest.waitAfter(10_000, null)).as("no overflow after many attempts").isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void waitsWhatRetryAfterAsksForUpToTheLongestWait() {
		// given
		RetryPolicy policy = new RetryPolicy(6, INITIAL, MAX, (bound) -> bound);

		// then
		assertThat(policy.waitAfter(1, throttled(Duration.ofMillis(700)))).isEqualTo(Duration.ofMillis(700));
		assertThat(policy.waitAfter(3, throttled(Duration.ZERO))).isEqualTo(Duration.ZERO);
		assertThat(policy.waitAfter(1, throttled(Duration.ofMinutes(5)))).isEqualTo(MAX);
	}

	@Test
	void itsRetryTriesAgainWhatMaySucceedCountingEveryRetryAndItsWait() {
		// given: two outages, then an answer; waits of 1 ms
		ApiCallStats stats = new ApiCallStats();
		Retry retry = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), (bound) -> 0).retry(stats);
		AtomicInteger attempts = new AtomicInteger();

		// when
		String answer = Retry.decorateSupplier(retry, () -> {
			if (attempts.incrementAndGet() < 3) {
				throw apiError(503, true);
			}
			return "answer";
		}).get();

		// then
		assertThat(answer).isEqualTo("answer");
		assertThat(attempts).hasValue(3);
		assertThat(stats.snapshot().retries()).isEqualTo(2);
		assertThat(stats.snapshot().retryWaitMillis()).isEqualTo(2);
	}

	@Test
	void itsRetryGivesUpAtOnceOnARefusalAndAfterTheLastAttemptOtherwise() {
		// given
		ApiCallStats stats = new ApiCallStats();
		Retry retry = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), (bound) -> 0).retry(stats);
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger outage = new AtomicInteger();

		// when
		Throwable refusal = catchThrowable(() -> Retry.decorateSupplier(retry, () -> {
			refused.incrementAndGet();
			throw new LiveStationAuthException("refused", 401, "200", null);
		}).get());
		Throwable lasting = catchThrowable(() -> Retry.decorateSupplier(retry, () -> {
			outage.incrementAndGet();
			throw apiError(503, true);
		}).get());

		// then
		assertThat(refusal).isInstanceOf(LiveStationAuthException.class);
		assertThat(refused).hasValue(1);
		assertThat(lasting).isInstanceOf(LiveStationApiException.class);
		assertThat(outage).hasValue(3);
		assertThat(stats.snapshot().retries()).isEqualTo(2);
	}

	private static long[] waits(RetryPolicy policy) {
		long[] waits = new long[6];
		for (int attempt = 1; attempt <= waits.length; attempt++) {
			waits[attempt - 1] = policy.waitAfter(attempt, apiError(503, true)).toMillis();
		}
		return waits;
	}

	private static LiveStationApiException apiError(int status, boolean retryable) {
		return new LiveStationApiException("GET /x failed (HTTP " + status + ")", status, null, null, retryable, null,
				null);
	}

	private static LiveStationApiException throttled(Duration retryAfter) {
		return new LiveStationApiException("GET /x failed (HTTP 429)", 429, null, null, true, retryAfter, null);
	}

	private static JacksonException catchJackson(String json) {
		return (JacksonException) catchThrowable(() -> ResponseParsing.JSON.readTree(json));
	}

}
