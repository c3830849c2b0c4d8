package dev.lsarchive.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the callback receiver, on 127.0.0.1: it keeps every body posted to it, in arrival
 * order, and answers each with the status its policy gives the n-th request (200 by default).
 */
public final class CallbackReceiverStub implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Delivery> deliveries = new ArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile IntUnaryOperator status = (n) -> 200;

	private volatile boolean refuseFirst;

	private final java.util.Set<String> refused = new java.util.HashSet<>();

	private CallbackReceiverStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (exchange; InputStream in = exchange.getRequestBody()) {
				byte[] body = in.readAllBytes();
				int n = this.requests.incrementAndGet();
				int answer = this.status.applyAsInt(n);
				if (this.refuseFirst && answer == 200) {
					String id = JSON.readTree(body).path("id").asString();
					synchronized (this.refused) {
						answer = this.refused.add(id) ? 503 : 200;
					}
				}
				if (answer >= 200 && answer < 300) {
					synchronized (this.deliveries) {
						this.deliveries.add(new Delivery(exchange.getRequestURI().getPath(), JSON.readTree(body)));
					}
				}
				exchange.sendResponseHeaders(answer, -1);
				OutputStream out = exchange.getResponseBody();
				out.close();
			}
		});
		this.server.start();
	}

	/** A receiver that acknowledges everything. */
	public static CallbackReceiverStub start() throws IOException {
		return new CallbackReceiverStub();
	}

	/** Answers the n-th request (from 1) with the status {@code policy} gives it. */
	public CallbackReceiverStub answering(IntUnaryOperator policy) {
		this.status = policy;
		return this;
	}

	/** Answers the first delivery of every event id 503, as a receiver that failed to commit it. */
	public CallbackReceiverStub refusingEachIdOnce() {
		this.refuseFirst = true;
		return this;
	}

	/** The URL to register, with {@code path} (e.g. {@code /callbacks/secret-token}). */
	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/** Requests received, refused ones included. */
	public int requests() {
		return this.requests.get();
	}

	/** The bodies acknowledged, in arrival order. */
	public List<Delivery> acknowledged() {
		synchronized (this.deliveries) {
			return List.copyOf(this.deliveries);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One acknowledged delivery.
	 *
	 * @param path the path it was posted to
	 * @param body its JSON body
	 */
	public record Delivery(String path, JsonNode body) {

		/** The event id, whether sent as a number or a string. */
		public long id() {
			return Long.parseLong(this.body.get("id").asString());
		}

		/** The timestamp, whether sent as a number or a string. */
		public long timestamp() {
			return Long.parseLong(this.body.get("timestamp").asString());
		}

		/** Whether the body is in the older form, every field a string. */
		public boolean text() {
			return this.body.get("id").isString();
		}

	}

}
