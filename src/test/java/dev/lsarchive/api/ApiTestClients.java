package dev.lsarchive.api;

import java.time.Clock;
import java.time.Duration;

import dev.lsarchive.simulator.LiveStationSimulator;

/** Clients pointed at a simulator, with short backoffs so that retries do not slow the tests. */
final class ApiTestClients {

	private ApiTestClients() {
	}

	static LiveStationProperties properties(LiveStationSimulator simulator, int maxAttempts, int requestsPerSecond) {
		return new LiveStationProperties(simulator.baseUrl(), simulator.accessKey(), simulator.secretKey(), "KR",
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), maxAttempts, Duration.ofMillis(2),
				Duration.ofSeconds(5), requestsPerSecond, true);
	}

	static LiveStationClient client(LiveStationSimulator simulator, ApiCallStats stats) {
		return new LiveStationClient(properties(simulator, 8, 10_000), stats);
	}

	static LiveStationClient client(LiveStationProperties properties, ApiCallStats stats, Clock clock) {
		return new LiveStationClient(properties, stats, clock);
	}

}
