package dev.lsarchive.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.support.Simulators;

import static org.assertj.core.api.Assertions.assertThat;

class LiveStationSimulatorIntegrationTests {

	@Test
	void theSameSeedGivesTheSameData() {
		// given
		SimulatorProperties properties = SimulatorProperties.of(30, 50);
		Instant anchor = Instant.parse("2026-11-01T00:00:00Z");

		// when
		SimulatedDataset one = new SimulatedDataset(properties, anchor);
		SimulatedDataset two = new SimulatedDataset(properties, anchor);

		// then
		assertThat(one.channels()).isEqualTo(two.channels());
		assertThat(events(one, one.channels().get(7))).isEqualTo(events(two, two.channels().get(7)));
	}

	@Test
	void coversEveryDocumentedStatusEventCodeAndInconsistency() {
		// given
		SimulatedDataset dataset = new SimulatedDataset(SimulatorProperties.of(200, 100), Simulators.ANCHOR);
		Set<String> statuses = new HashSet<>();
		Set<String> reported = new HashSet<>();
		Set<String> codes = new HashSet<>();
		boolean mixedCase = false;
		boolean withoutChannelId = false;

		// when
		for (SimulatedChannel channel : dataset.channels()) {
			statuses.add(channel.status());
			reported.add(channel.reportedStatus());
			for (SimulatedEvent event : events(dataset, channel)) {
				codes.add(event.eventCode());
				mixedCase |= !event.reportedEventCode().equals(event.eventCode());
				withoutChannelId |= !event.withChannelId();
			}
		}

		// then
		assertThat(statuses).containsExactlyInAnyOrderElementsOf(SimulatedDataset.STATUSES);
		assertThat(reported).contains("PUBLISH", "PUBLISHING");
		assertThat(codes).contains("STREAM_RESERVE", "STREAM_UPDATE", "PUBLISH_START", "PUBLISH_END",
				"THUMBNAIL_CREATE", "SIMULCAST_STATUS_CHANGE", "ONAIR_START", "ONAIR_END", "PUBLISH_OVER_THRESHOLD",
				"RTMP_MAIN_STREAM_ENABLED", "RTMP_BACKUP_STREAM_ENABLED", "BACKUP_SESSION_STREAMING_CONNECTED",
				"BACKUP_SESSION_STREAMING_DISCONNECTED", "STREAM_FINISH");
		assertThat(mixedCase).isTrue();
		assertThat(withoutChannelId).isTrue();
	}

	@Test
	void publishSessionsOpenAndClose() {
		// given
		SimulatedDataset dataset = new SimulatedDataset(SimulatorProperties.of(1, 500), Simulators.ANCHOR);

		// when
		List<String> codes = events(dataset, dataset.channels().get(0)).stream().map(SimulatedEvent::eventCode).toList();

		// then: every PUBLISH_END closes the PUBLISH_START before it
		int open = 0;
		for (String code : codes) {
			if (code.equals("PUBLISH_START")) {
				assertThat(open).isZero();
				open++;
			}
			else if (code.equals("PUBLISH_END")) {
				assertThat(open).isOne();
				open--;
			}
		}
		assertThat(codes).contains("PUBLISH_START", "PUBLISH_END");
	}

	@Test
	void refusesAnUnsignedRequestWithTheGatewaysErrorBody() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			HttpRequest unsigned = HttpRequest
				.newBuilder(URI.create(simulator.baseUrl() + ApiPath.LIVE_CHANNELS.path()))
				.build();

			// when
			HttpResponse<String> response = HttpClient.newHttpClient().send(unsigned, HttpResponse.BodyHandlers.ofString());

			// then
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).contains("\"errorCode\":\"200\"", "Authentication Failed");
			assertThat(response.headers().firstValue("x-ncp-trace-id")).isPresent();
			assertThat(simulator.authFailures()).isOne();
		}
	}

	private static List<SimulatedEvent> events(SimulatedDataset dataset, SimulatedChannel channel) {
		List<SimulatedEvent> events = new java.util.ArrayList<>();
		for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
			events.add(it.next());
		}
		return events;
	}

}
