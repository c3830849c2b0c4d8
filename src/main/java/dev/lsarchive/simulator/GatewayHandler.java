package dev.lsarchive.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway does with each request, in order: the configured latency, authentication, GET
 * only (and POST for the callback registrations), the holds and scripted answers of tests, the faults, then the route to the data. Counts the
 * requests and the most served at once.
 */
final class GatewayHandler implements HttpHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

	private static final long NONE = Long.MIN_VALUE;

	// a registration's body is one URL: anything larger is refused as the gateway refuses a large entity
	private static final int MAX_BODY = 64 * 1024;

	private final SimulatorProperties properties;

	private final GatewayAuthentication authentication;

	private final ScriptedRequests scripts;

	private final FaultInjector faults;

	private final ApiRouter router;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger peakInFlight = new AtomicInteger();

	// System.nanoTime() of the first request (NONE before it): the benchmark's start-up ends there
	private final AtomicLong firstRequestNanos = new AtomicLong(NONE);

	GatewayHandler(SimulatorProperties properties, GatewayAuthentication authentication, ScriptedRequests scripts,
			FaultInjector faults, ApiRouter router) {
		this.properties = properties;
		this.authentication = authentication;
		this.scripts = scripts;
		this.faults = faults;
		this.router = router;
	}

	long requests() {
		return this.requests.get();
	}

	int peakConcurrency() {
		return this.peakInFlight.get();
	}

	OptionalLong firstRequestNanos() {
		long nanos = this.firstRequestNanos.get();
		return (nanos != NONE) ? OptionalLong.of(nanos) : OptionalLong.empty();
	}

	@Override
	public void handle(HttpExchange http) {
		if (this.requests.incrementAndGet() == 1) {
			this.firstRequestNanos.compareAndSet(NONE, System.nanoTime());
		}
		this.peakInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try (http) {
			byte[] body = http.getRequestBody().readNBytes(MAX_BODY + 1);
			http.getRequestBody().transferTo(OutputStream.nullOutputStream());
			serve(new SimulatorExchange(http, this.properties.errorCodeAsNumber(), this.requests::get, body));
		}
		catch (IOException | RuntimeException ex) {
			// the client went away, or a fault cut the body: nothing to answer any more
			log.debug("Simulator request ended early: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void serve(SimulatorExchange exchange) throws IOException, InterruptedException {
		FaultInjector.pause(this.properties.latency());
		String refusal = this.authentication.refusal(exchange);
		if (refusal != null) {
			exchange.gatewayError(401, "200", "Authentication Failed", refusal);
			return;
		}
		if (!"GET".equals(exchange.method()) && !("POST".equals(exchange.method()) && ApiRouter.posts(exchange.path()))) {
			exchange.gatewayError(405, "100", "Bad Request", "only GET and the callback registrations are simulated");
			return;
		}
		if (exchange.body().length > MAX_BODY) {
			exchange.gatewayError(413, "430", "Request Entity Too Large", null);
			return;
		}
		this.scripts.pass(exchange.path());
		ScriptedRequests.Scripted answer = this.scripts.answerFor(exchange.pathWithQuery());
		if (answer != null) {
			exchange.answer(answer.status(), answer.contentType(), answer.body());
			return;
		}
		if (this.faults.inject(exchange)) {
			return;
		}
		this.router.route(exchange);
	}

}
