package dev.lsarchive.callback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.normalize.QuarantineRecord;

/**
 * {@code POST /callbacks/{token}}: the one thing the public port serves. A wrong or missing token is a
 * plain 404 (compared in constant time, never logged or echoed); the body is read without blocking a
 * thread, up to the size limit, within the request timeout; then it is queued for the group commit, and
 * the request is answered once its commit is done (or 503 when the queue is full or the receiver stops).
 */
final class CallbackServlet extends HttpServlet {

	/** The endpoint as the quarantine names it. */
	static final String ENDPOINT = "POST /callbacks";

	private final byte[] tokenDigest;

	private final GroupCommitter committer;

	private final ReceiverWindow window;

	private final CallbackMetrics metrics;

	private final CallbackBody bodies;

	private final CallbackProperties properties;

	CallbackServlet(String token, GroupCommitter committer, ReceiverWindow window, CallbackMetrics metrics,
			Clock clock, CallbackProperties properties) {
		this.tokenDigest = digest(token);
		this.committer = committer;
		this.window = window;
		this.metrics = metrics;
		this.bodies = new CallbackBody(clock);
		this.properties = properties;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long startNanos = System.nanoTime();
		long receivedMicros = this.committer.nowMicros();
		if (!hasToken(request.getPathInfo())) {
			this.metrics.rejected("token");
			Exchange.write(response, HttpServletResponse.SC_NOT_FOUND, "not found", null);
			return;
		}
		if (!"POST".equals(request.getMethod())) {
			this.metrics.rejected("method");
			response.setHeader("Allow", "POST");
			Exchange.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "callbacks are POSTed", null);
			return;
		}
		int limit = this.properties.maxBodyBytes();
		if (request.getContentLengthLong() > limit) {
			this.metrics.rejected("too_large");
			quarantineOversized(request.getContentLengthLong() + " bytes", "");
			Exchange.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					"the body is larger than " + limit + " bytes", null);
			return;
		}
		if (!this.committer.accepting()) {
			this.metrics.rejected("stopping");
			this.window.interrupted(receivedMicros);
			Exchange.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the receiver is stopping",
					retryAfter());
			return;
		}
		AsyncContext async = request.startAsync();
		async.setTimeout(this.properties.requestTimeout().toMillis());
		Exchange exchange = new Exchange(async, receivedMicros, startNanos);
		this.window.arrived(exchange);
		async.addListener(new Ended(exchange));
		request.getInputStream().setReadListener(new BodyReader(request.getInputStream(), limit,
				(int) Math.max(0, request.getContentLengthLong()), new BodyReader.Receiver() {

					@Override
					public void body(byte[] body, int length) {
						received(exchange, body, length);
					}

					@Override
					public void tooLarge(byte[] prefix, int length) {
						metrics.rejected("too_large");
						quarantineOversized("more than " + limit + " bytes",
								new String(prefix, 0, length, StandardCharsets.UTF_8));
						if (exchange.answer(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
								"the body is larger than " + limit + " bytes", null)) {
							window.answered(exchange, true);
						}
					}

					@Override
					public void failed() {
						if (exchange.answer(HttpServletResponse.SC_BAD_REQUEST, "the body could not be read", null)) {
							metrics.rejected("unreadable");
							window.answered(exchange, false);
						}
					}

				}));
	}

	private void received(Exchange exchange, byte[] body, int length) {
		CallbackBody.Read read = this.bodies.read(body, length);
		Pending pending = (read.callback() != null) ? Pending.store(read.callback(), exchange)
				: Pending.quarantine(new QuarantineRecord("callback", ENDPOINT, null, read.refusal(), read.payload()),
						exchange);
		if (!this.committer.offer(pending)) {
			if (exchange.answer(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					this.committer.accepting() ? "the receiver is busy; deliver again later"
							: "the receiver is stopping",
					retryAfter())) {
				this.metrics.rejected(this.committer.accepting() ? "queue_full" : "stopping");
				this.window.answered(exchange, false);
			}
		}
	}

	// a body too large is refused at once; what was read of it is kept if the queue has room
	private void quarantineOversized(String size, String prefix) {
		this.committer.offer(Pending.quarantine(new QuarantineRecord("callback", ENDPOINT, null,
				"the body is larger than archive.callback.max-body-size (" + size + ")"
						+ (prefix.isEmpty() ? "; refused by its Content-Length, unread" : "; its first bytes are kept"),
				prefix), null));
	}

	private String retryAfter() {
		return Long.toString(this.properties.retryAfter().toSeconds());
	}

	private boolean hasToken(@Nullable String pathInfo) {
		String given = (pathInfo != null && pathInfo.startsWith("/")) ? pathInfo.substring(1) : "";
		// digests of equal length: the comparison takes the same time whatever was given
		return MessageDigest.isEqual(this.tokenDigest, digest(given));
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** A request that outlived its timeout, or whose connection failed, is answered 503 (if it still can be). */
	private final class Ended implements AsyncListener {

		private final Exchange exchange;

		Ended(Exchange exchange) {
			this.exchange = exchange;
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			if (this.exchange.answer(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"the receiver could not store it in time; deliver again later", retryAfter())) {
				CallbackServlet.this.metrics.rejected("timeout");
				CallbackServlet.this.window.answered(this.exchange, false);
			}
		}

		@Override
		public void onError(AsyncEvent event) {
			if (this.exchange.answer(HttpServletResponse.SC_BAD_REQUEST, null, null)) {
				CallbackServlet.this.metrics.rejected("connection");
				CallbackServlet.this.window.answered(this.exchange, false);
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			// answered already
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// not restarted
		}

	}

}
