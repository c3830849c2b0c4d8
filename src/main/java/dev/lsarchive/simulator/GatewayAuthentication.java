package dev.lsarchive.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.RequestSigner;

/**
 * The gateway's check of a request: its headers, its timestamp within the allowed skew of the
 * gateway's clock (or of the account's, once accepted), its access key and its signature v2.
 */
final class GatewayAuthentication {

	// signatures kept for tests to look for: enough for any test, bounded for a benchmark
	private static final int SIGNATURES_KEPT = 10_000;

	private final SimulatorProperties properties;

	private final AccountClock clock;

	private final Set<String> signaturesSeen = ConcurrentHashMap.newKeySet();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean accountClockSigns;

	GatewayAuthentication(SimulatorProperties properties, AccountClock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Why the request is refused (and counted as a failure), or null when it passes. */
	@Nullable String refusal(SimulatorExchange exchange) {
		String refusal = check(exchange);
		if (refusal != null) {
			this.failures.incrementAndGet();
		}
		return refusal;
	}

	void acceptAccountClockSignatures() {
		this.accountClockSigns = true;
	}

	Set<String> signaturesSeen() {
		return Set.copyOf(this.signaturesSeen);
	}

	long failures() {
		return this.failures.get();
	}

	private @Nullable String check(SimulatorExchange exchange) {
		String timestamp = exchange.header("x-ncp-apigw-timestamp");
		String accessKey = exchange.header("x-ncp-iam-access-key");
		String signature = exchange.header("x-ncp-apigw-signature-v2");
		if (timestamp == null || accessKey == null || signature == null
				|| exchange.header("x-ncp-region_code") == null) {
			return "missing authentication headers";
		}
		if (this.signaturesSeen.size() < SIGNATURES_KEPT) {
			this.signaturesSeen.add(signature);
		}
		long sent;
		try {
			sent = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return "invalid timestamp";
		}
		long allowed = this.properties.allowedSkew().toMillis();
		if (Math.abs(this.clock.gatewayMillis() - sent) > allowed
				&& (!this.accountClockSigns || Math.abs(this.clock.now().toEpochMilli() - sent) > allowed)) {
			return "timestamp outside the allowed window";
		}
		if (!this.properties.accessKey().equals(accessKey)) {
			return "unknown access key";
		}
		String expected = RequestSigner.sign(exchange.method(), exchange.pathWithQuery(), timestamp, accessKey,
				this.properties.secretKey());
		return expected.equals(signature) ? null : "signature mismatch";
	}

}
