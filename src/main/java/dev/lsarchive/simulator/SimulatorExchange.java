package dev.lsarchive.simulator;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.RequestSigner;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request to the simulator and the ways to answer it: a JSON body (cut off mid-way when a fault
 * says so), the gateway's error body, Live Station's error body, or bytes as they are.
 */
final class SimulatorExchange {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JSON_TYPE = "application/json;charset=utf-8";

	private final HttpExchange exchange;

	private final boolean errorCodeAsNumber;

	private final LongSupplier requests;

	private final byte[] body;

	private @Nullable Map<String, String> query;

	// set by a truncation fault: counts the fault once a body is actually cut
	private @Nullable Runnable whenCut;

	SimulatorExchange(HttpExchange exchange, boolean errorCodeAsNumber, LongSupplier requests, byte[] body) {
		this.exchange = exchange;
		this.errorCodeAsNumber = errorCodeAsNumber;
		this.requests = requests;
		this.body = body;
	}

	/** The body of a JSON answer, written with a generator. */
	@FunctionalInterface
	interface JsonBody {

		void write(JsonGenerator generator) throws IOException;

	}

	/** The body of an answer, written as bytes. */
	@FunctionalInterface
	interface BytesBody {

		void write(OutputStream out) throws IOException;

	}

	String method() {
		return this.exchange.getRequestMethod();
	}

	String path() {
		return this.exchange.getRequestURI().getPath();
	}

	/** The request's body (empty for a GET). */
	byte[] body() {
		return this.body;
	}

	String pathWithQuery() {
		return RequestSigner.pathWithQuery(this.exchange.getRequestURI());
	}

	@Nullable String header(String name) {
		return this.exchange.getRequestHeaders().getFirst(name);
	}

	/** The decoded query parameters. */
	Map<String, String> query() {
		if (this.query == null) {
			this.query = parse(this.exchange.getRequestURI().getRawQuery());
		}
		return this.query;
	}

	void responseHeader(String name, String value) {
		this.exchange.getResponseHeaders().set(name, value);
	}

	/** Cuts the next JSON body mid-way and drops the connection, running {@code whenCut} when it does. */
	void truncateBody(Runnable whenCut) {
		this.whenCut = whenCut;
	}

	void respondJson(JsonBody body) throws IOException {
		respond((out) -> {
			try (JsonGenerator generator = JSON.createGenerator(out)) {
				body.write(generator);
			}
		});
	}

	void respond(BytesBody body) throws IOException {
		this.exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
		this.exchange.getResponseHeaders().set("x-ncp-trace-id", traceId());
		if (this.whenCut != null) {
			this.whenCut.run();
			// announce a length, send only part of it and drop the connection
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			body.write(buffer);
			byte[] whole = buffer.toByteArray();
			this.exchange.sendResponseHeaders(200, whole.length);
			OutputStream out = this.exchange.getResponseBody();
			out.write(whole, 0, whole.length / 2);
			out.flush();
			throw new IOException("simulated cut-off after " + (whole.length / 2) + " of " + whole.length + " bytes");
		}
		this.exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = new BufferedOutputStream(this.exchange.getResponseBody(), 64 * 1024)) {
			body.write(out);
		}
	}

	/** The API gateway's error body, e.g. {@code {"error":{"errorCode":"200","message":"Authentication Failed"}}}. */
	void gatewayError(int status, String code, String message, @Nullable String details) throws IOException {
		Map<String, Object> error = new HashMap<>();
		error.put("errorCode", this.errorCodeAsNumber ? Integer.valueOf(code) : code);
		error.put("message", message);
		if (details != null) {
			error.put("details", details);
		}
		answer(status, JSON_TYPE, JSON.writeValueAsBytes(Map.of("error", error)));
	}

	/** Live Station's own error body, with its error name. */
	void liveStationError(int status, int code, String name, String message) throws IOException {
		Object errorCode = this.errorCodeAsNumber ? String.valueOf(code) : Integer.valueOf(code);
		answer(status, JSON_TYPE, JSON.writeValueAsBytes(
				Map.of("error", Map.of("errorCode", errorCode, "message", message, "errorName", name))));
	}

	/** {@code body} as it is, with its content type and a trace id. */
	void answer(int status, String contentType, byte[] body) throws IOException {
		this.exchange.getResponseHeaders().set("Content-Type", contentType);
		this.exchange.getResponseHeaders().set("x-ncp-trace-id", traceId());
		send(status, body);
	}

	/** {@code body} as it is, without any header of the gateway's. */
	void send(int status, byte[] body) throws IOException {
		this.exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = this.exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private String traceId() {
		return "sim" + Long.toString(this.requests.getAsLong(), 36)
				+ Long.toString(System.nanoTime() & 0xffffff, 36);
	}

	private static Map<String, String> parse(@Nullable String raw) {
		Map<String, String> values = new HashMap<>();
		if (raw == null) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

}
