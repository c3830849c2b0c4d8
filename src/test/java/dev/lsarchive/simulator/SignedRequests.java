package dev.lsarchive.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.lsarchive.api.RequestSigner;

/** Requests to a simulator signed as the gateway wants them, for tests that speak HTTP to it directly. */
final class SignedRequests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private SignedRequests() {
	}

	/** A signed POST of {@code json} to {@code path}. */
	static HttpResponse<String> post(LiveStationSimulator simulator, String path, String json)
			throws IOException, InterruptedException {
		return HTTP.send(signed(simulator, "POST", path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A signed GET of {@code pathWithQuery}. */
	static HttpResponse<String> get(LiveStationSimulator simulator, String pathWithQuery)
			throws IOException, InterruptedException {
		return HTTP.send(signed(simulator, "GET", pathWithQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder signed(LiveStationSimulator simulator, String method, String pathWithQuery) {
		String timestamp = Long.toString(System.currentTimeMillis());
		return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathWithQuery))
			.header("x-ncp-apigw-timestamp", timestamp)
			.header("x-ncp-iam-access-key", simulator.accessKey())
			.header("x-ncp-apigw-signature-v2",
					RequestSigner.sign(method, pathWithQuery, timestamp, simulator.accessKey(), simulator.secretKey()))
			.header("x-ncp-region_code", "KR")
			.header("Content-Type", "application/json");
	}

}
