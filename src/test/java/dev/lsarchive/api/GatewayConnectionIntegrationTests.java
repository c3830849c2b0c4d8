package dev.lsarchive.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.support.ApiSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the client uses its connections to the gateway: reused, bounded in time, dropped when abandoned. */
class GatewayConnectionIntegrationTests {

	private static final byte[] ONE_EVENT_LIST = """
			{"content":[{"logLevel":"INFO","eventCode":"PUBLISH_START","description":"d","timestamp":1700000000000}],"total":1}"""
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] EMPTY_PAGE = "{\"content\":[],\"total\":0}".getBytes(StandardCharsets.UTF_8);

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void answersReadToTheirEndLeaveTheirConnectionForTheNextRequest() throws Exception {
		// given: a gateway that notes the client port of every request
		List<Integer> clientPorts = new CopyOnWriteArrayList<>();
		LiveStationClient client = clientOf((exchange) -> {
			clientPorts.add(exchange.getRemoteAddress().getPort());
			boolean eventList = exchange.getRequestURI().getPath().endsWith("/events");
			send(exchange, eventList ? ONE_EVENT_LIST : EMPTY_PAGE);
		}, Duration.ofSeconds(5));

		// when: event lists, whose reader reads to the end, and channel pages, whose parser stops at the
		// closing brace
		for (int i = 0; i < 2; i++) {
			try (EventStream events = client.events("ch-1")) {
				assertThat(events.next()).isNotNull();
				assertThat(events.next()).isNull();
			}
			assertThat(client.channelPage(1, 1).content()).isEmpty();
		}

		// then: one connection served all four
		assertThat(clientPorts).hasSize(4).containsOnly(clientPorts.get(0));
	}

	@Test
	void aListAbandonedMidwayDropsItsConnectionInsteadOfReadingTheRest() throws Exception {
		// given: a list far larger than the socket buffers, and the gateway's fate writing it
		CompletableFuture<Long> bytesWritten = new CompletableFuture<>();
		byte[] event = ",{\"logLevel\":\"INFO\",\"eventCode\":\"STREAM_UPDATE\",\"timestamp\":1700000000000}"
			.getBytes(StandardCharsets.UTF_8);
		long events = 2_000_000;
		LiveStationClient client = clientOf((exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			long written = 0;
			try (OutputStream body = exchange.getResponseBody()) {
				body.write("{\"content\":[{\"eventCode\":\"X\",\"timestamp\":1700000000000}".getBytes(StandardCharsets.UTF_8));
				for (long i = 0; i < events; i++) {
					body.write(event);
					written += event.length;
				}
				body.write("],\"total\":0}".getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException dropped) {
				// expected: the client went away
			}
			finally {
				bytesWritten.complete(written);
			}
		}, Duration.ofSeconds(30));

		// when: one event is read, then the list is closed
		try (EventStream stream = client.events("ch-1")) {
			assertThat(stream.next()).isNotNull();
		}

		// then: the gateway could not write the list: nobody read the rest of it
		assertThat(bytesWritten.get(60, TimeUnit.SECONDS)).isLessThan(events * event.length);
	}

	@Test
	void anAnswerThatKeepsArrivingTooSlowlyIsAbandonedAtTheReadTimeout() throws Exception {
		// given: every byte arrives well within the timeout, the whole answer would take ten times it
		LiveStationClient client = clientOf((exchange) -> {
			byte[] page = "{\"content\":[],\"total\":0}                                                  "
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				for (byte b : page) {
					body.write(b);
					body.flush();
					pause(Duration.ofMillis(40));
				}
			}
			catch (IOException dropped) {
				// the client gave up, as it should
			}
		}, Duration.ofMillis(300));

		// when
		LiveStationApiException failure = catchThrowableOfType(LiveStationApiException.class,
				() -> client.channelPage(1, 1));

		// then
		assertThat(failure).isNotNull();
		assertThat(failure.isRetryable()).isTrue();
		assertThat(failure.getMessage()).contains("longer than PT0.3S");
	}

	@Test
	void waitingForTheRequestBudgetIsNotPartOfTheTimeout() throws Exception {
		// given: one request per second, and a timeout far shorter than the wait for the next one
		LiveStationClient client = clientOf((exchange) -> send(exchange, EMPTY_PAGE), Duration.ofMillis(300), 1);

		// when: three calls, the later ones waiting for the budget first
		for (int i = 0; i < 3; i++) {
			// then: each succeeds at its first attempt
			assertThat(client.channelPage(1, 1).content()).isEmpty();
		}
	}

	private LiveStationClient clientOf(HttpHandler handler, Duration timeout) throws IOException {
		return clientOf(handler, timeout, 1000);
	}

	// one attempt per call: what a test sees is what a single request did
	private LiveStationClient clientOf(HttpHandler handler, Duration timeout, int requestsPerSecond)
			throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", handler);
		this.server.start();
		LiveStationProperties settings = ApiSettings
			.at(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()), "key", "secret")
			.readTimeout(timeout)
			.streamTimeout(timeout)
			.maxAttempts(1)
			.backoff(Duration.ofMillis(1), Duration.ofMillis(1))
			.requestsPerSecond(requestsPerSecond)
			.build();
		return new LiveStationClient(settings, new ApiCallStats());
	}

	private static void send(HttpExchange exchange, byte[] body) throws IOException {
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
