package dev.lsarchive.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.support.Simulators;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorCallbackRegistrationIntegrationTests {

	@Test
	void registersTheDefaultEndpointAndEveryKindsOwn() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(12, 5))) {
			Map<ChannelKind, String> channelOfKind = new java.util.EnumMap<>(ChannelKind.class);
			for (ChannelKind kind : ChannelKind.values()) {
				channelOfKind.put(kind, simulator.dataset().channels(kind.name()).get(0).channelId());
			}

			// when
			HttpResponse<String> byDefault = SignedRequests.post(simulator, ApiPath.CALLBACK_ENDPOINT.path(),
					"{\"callbackUrl\":\"https://archive.example/callbacks/default-token\"}");
			for (ChannelKind kind : ChannelKind.values()) {
				HttpResponse<String> own = SignedRequests.post(simulator,
						ApiPath.callbackEndpoint(kind).path(channelOfKind.get(kind)),
						"{\"callbackEndpoint\":\"https://archive.example/callbacks/" + kind + "\"}");
				assertThat(own.statusCode()).as(kind.name()).isEqualTo(200);
				assertThat(own.body()).contains(channelOfKind.get(kind));
			}

			// then
			assertThat(byDefault.statusCode()).isEqualTo(200);
			assertThat(byDefault.body()).isEqualTo("{\"content\":{\"callbackUrl\":\"https://archive.example/callbacks/default-token\"}}");
			assertThat(simulator.defaultCallbackEndpoint())
				.contains(URI.create("https://archive.example/callbacks/default-token"));
			assertThat(simulator.channelCallbackEndpoints()).hasSize(3);
			for (ChannelKind kind : ChannelKind.values()) {
				assertThat(simulator.channelCallbackEndpoints().get(channelOfKind.get(kind)))
					.isEqualTo(URI.create("https://archive.example/callbacks/" + kind));
			}
		}
	}

	@Test
	void refusesABodyWithoutTheUrlWithLiveStationsErrorBody() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 5))) {
			String channelId = simulator.dataset().channels("LIVE").get(0).channelId();

			// when
			HttpResponse<String> empty = SignedRequests.post(simulator, ApiPath.CALLBACK_ENDPOINT.path(), "{}");
			HttpResponse<String> wrongField = SignedRequests.post(simulator,
					ApiPath.CHANNEL_CALLBACK_ENDPOINT.path(channelId), "{\"callbackUrl\":\"https://a.example/x\"}");
			HttpResponse<String> notJson = SignedRequests.post(simulator, ApiPath.CALLBACK_ENDPOINT.path(), "url=x");
			HttpResponse<String> notAUrl = SignedRequests.post(simulator, ApiPath.CALLBACK_ENDPOINT.path(),
					"{\"callbackUrl\":\"ftp://a.example/x\"}");

			// then
			for (HttpResponse<String> refused : java.util.List.of(empty, wrongField, notJson, notAUrl)) {
				assertThat(refused.statusCode()).isEqualTo(400);
				assertThat(refused.body()).contains("\"errorCode\":250021", "\"errorName\":\"INVALID_PARAMETER\"");
			}
			assertThat(wrongField.body()).contains("callbackEndpoint is required");
			assertThat(simulator.defaultCallbackEndpoint()).isEmpty();
			assertThat(simulator.channelCallbackEndpoints()).isEmpty();
		}
	}

	@Test
	void aChannelOfAnotherKindOrUnknownIsNotFound() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(6, 5))) {
			String live = simulator.dataset().channels("LIVE").get(0).channelId();

			// when
			HttpResponse<String> asReStream = SignedRequests.post(simulator,
					ApiPath.RE_STREAM_CHANNEL_CALLBACK_ENDPOINT.path(live), "{\"callbackEndpoint\":\"https://a.example/x\"}");
			HttpResponse<String> unknown = SignedRequests.post(simulator,
					ApiPath.CHANNEL_CALLBACK_ENDPOINT.path("ls-nope"), "{\"callbackEndpoint\":\"https://a.example/x\"}");

			// then
			assertThat(asReStream.statusCode()).isEqualTo(404);
			assertThat(asReStream.body()).contains("250004");
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(simulator.channelCallbackEndpoints()).isEmpty();
		}
	}

	@Test
	void aRegistrationIsSignedLikeEveryCall() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 5))) {
			HttpRequest unsigned = HttpRequest
				.newBuilder(URI.create(simulator.baseUrl() + ApiPath.CALLBACK_ENDPOINT.path()))
				.POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"https://a.example/x\"}"))
				.build();

			// when
			HttpResponse<String> response = HttpClient.newHttpClient().send(unsigned, HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> elsewhere = SignedRequests.post(simulator, ApiPath.LIVE_CHANNELS.path(), "{}");

			// then
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(simulator.defaultCallbackEndpoint()).isEmpty();
			assertThat(elsewhere.statusCode()).as("a POST anywhere else").isEqualTo(405);
		}
	}

}
