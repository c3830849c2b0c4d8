package dev.lsarchive.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.lsarchive.batch.SummaryNote;

/**
 * Micrometer meters of the callback receiver, and the counts of its summary line: callbacks acknowledged,
 * repeated deliveries among them, requests refused (by reason), the time from a request's arrival to its
 * acknowledgement (a histogram), and the age of the oldest callback not reconciled yet.
 */
final class CallbackMetrics {

	private final MeterRegistry registry;

	private final Counter received;

	private final Counter duplicates;

	private final Timer ack;

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	private final AtomicLong receivedCount = new AtomicLong();

	private final AtomicLong duplicateCount = new AtomicLong();

	private final AtomicLong rejectedCount = new AtomicLong();


	private volatile double oldestUnreconciledSeconds;

	CallbackMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.received = Counter.builder("livestation.callbacks.received")
			.description("Deliveries committed (repeated ones included); one answered 503 after its request timed out may still be committed, and its retry then counts as a duplicate")
			.register(registry);
		this.duplicates = Counter.builder("livestation.callbacks.duplicates")
			.description("Committed deliveries of an event id stored already")
			.register(registry);
		this.ack = Timer.builder("livestation.callbacks.ack")
			.description("From a callback's arrival to its acknowledgement, after its commit")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("livestation.callbacks.oldest.unreconciled", this, (m) -> m.oldestUnreconciledSeconds)
			.description("Seconds since the oldest callback the nightly job has not reconciled yet occurred (0: none)")
			.baseUnit("seconds")
			.register(registry);
	}

	/** {@code count} callbacks acknowledged, {@code repeated} of them deliveries of ids stored already. */
	void acknowledged(int count, int repeated) {
		this.received.increment(count);
		this.receivedCount.addAndGet(count);
		if (repeated > 0) {
			this.duplicates.increment(repeated);
			this.duplicateCount.addAndGet(repeated);
		}
	}

	/** One acknowledgement, {@code nanos} after its request arrived. */
	void acknowledgedAfter(long nanos) {
		this.ack.record(nanos, TimeUnit.NANOSECONDS);
	}

	/** A request answered with anything but 2xx, for {@code reason}. */
	void rejected(String reason) {
		this.rejected
			.computeIfAbsent(reason, (r) -> Counter.builder("livestation.callbacks.rejected")
				.description("Callback requests not acknowledged, by reason")
				.tag("reason", r)
				.register(this.registry))
			.increment();
		this.rejectedCount.incrementAndGet();
	}

	void oldestUnreconciled(double seconds) {
		this.oldestUnreconciledSeconds = Math.max(0, seconds);
	}

	/** The summary line printed when the receiver stops. */
	String summary() {
		return "Callback receiver: " + this.receivedCount.get() + " received, "
				+ SummaryNote.count(this.duplicateCount.get(), "duplicate", "duplicates") + ", "
				+ this.rejectedCount.get() + " rejected";
	}

}
