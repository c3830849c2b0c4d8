package dev.lsarchive.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.ApiPath;

/**
 * The faults of {@link SimulatorProperties.Faults}: channels whose event list always fails, and per
 * request a draw (from the faults' own seed, so the same seed and the same requests give the same
 * faults) of a 429, a 5xx, a slow answer, a body cut off mid-way or malformed JSON; and the channels
 * drift creates while a listing is paged. Counts every fault it injects.
 */
final class FaultInjector {

	private static final byte[] MALFORMED = "{\"content\":[{\"logLevel\":\"INFO\",\"eventCode\":<html>Gateway"
		.getBytes(StandardCharsets.UTF_8);

	private final SimulatorProperties.Faults faults;

	private final Random draws;

	private final AtomicInteger driftLeft;

	private final AtomicLong injected = new AtomicLong();

	FaultInjector(SimulatorProperties.Faults faults) {
		this.faults = faults;
		this.draws = new Random(faults.seed());
		this.driftLeft = new AtomicInteger(faults.driftInserts());
	}

	/** Responses that were a deliberate fault. */
	long injected() {
		return this.injected.get();
	}

	/** Whether a channel is to be created before this page of a listing is served (one per page while any is left). */
	boolean drift() {
		return this.driftLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
	}

	/** Injects the fault drawn for this request: true when that answered it, false when it is to be served. */
	boolean inject(SimulatorExchange exchange) throws IOException {
		String path = exchange.path();
		if (path.contains("/events")) {
			String channel = exchange.query().getOrDefault(ApiPath.CHANNEL_ID, channelOfEventsPath(path));
			if (channel != null && this.faults.failingChannels().contains(channel)) {
				this.injected.incrementAndGet();
				exchange.gatewayError(500, "900", "Unexpected Error", "simulated persistent failure");
				return true;
			}
		}
		if (!this.faults.any()) {
			return false;
		}
		double draw;
		boolean retryAfter;
		int serverError;
		synchronized (this.draws) {
			draw = this.draws.nextDouble();
			retryAfter = this.draws.nextDouble() < this.faults.retryAfterShare();
			serverError = this.draws.nextInt(3);
		}
		if ((draw -= this.faults.throttleShare()) < 0) {
			this.injected.incrementAndGet();
			if (retryAfter) {
				exchange.responseHeader("Retry-After", "1");
			}
			exchange.gatewayError(429, "420", "Rate Limited", null);
			return true;
		}
		if ((draw -= this.faults.serverErrorShare()) < 0) {
			this.injected.incrementAndGet();
			switch (serverError) {
				case 0 -> exchange.gatewayError(500, "900", "Unexpected Error", null);
				case 1 -> exchange.gatewayError(503, "500", "Endpoint Error", null);
				default -> exchange.gatewayError(504, "510", "Endpoint Timeout", null);
			}
			return true;
		}
		if ((draw -= this.faults.slowShare()) < 0) {
			this.injected.incrementAndGet();
			pause(this.faults.slowDelay());
			return false;
		}
		if ((draw -= this.faults.truncateShare()) < 0) {
			// counted when a body is cut: an error answer (a snapshot past its hour, say) has none to cut
			exchange.truncateBody(this.injected::incrementAndGet);
			return false;
		}
		if ((draw -= this.faults.malformedShare()) < 0) {
			this.injected.incrementAndGet();
			exchange.send(200, MALFORMED);
			return true;
		}
		return false;
	}

	/** Waits {@code duration} (a slow answer, or the configured latency). */
	static void pause(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static @Nullable String channelOfEventsPath(String path) {
		List<String> values = ApiPath.CHANNEL_EVENTS.match(path);
		return (values != null) ? values.get(0) : null;
	}

}
