package dev.lsarchive.api;

import java.time.Clock;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.support.ApiSettings;

/** Clients pointed at a simulator, with the short backoffs of {@link ApiSettings} so that retries do not slow the tests. */
final class ApiTestClients {

	private ApiTestClients() {
	}

	static LiveStationClient client(LiveStationSimulator simulator, ApiCallStats stats) {
		return new LiveStationClient(ApiSettings.of(simulator).build(), stats);
	}

	static LiveStationClient client(LiveStationProperties properties, ApiCallStats stats, Clock clock) {
		return new LiveStationClient(properties, stats, clock);
	}

}
