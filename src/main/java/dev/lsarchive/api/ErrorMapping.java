package dev.lsarchive.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What went wrong with a request, as a {@link LiveStationApiException} that names it: an error answer
 * of the gateway or of Live Station (either documented body, its trace id and {@code Retry-After}; a
 * refusal as {@link LiveStationAuthException} with its likely cause), a malformed body, or a failure
 * of the attempt itself. Whether each may be retried is the {@link RetryPolicy}'s to say.
 */
final class ErrorMapping {

	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final String TRACE_ID = "x-ncp-trace-id";

	private final JsonMapper json;

	private final Duration readTimeout;

	private final Clock clock;

	/** Error bodies read with {@code json} within {@code readTimeout}; waits and skews judged by {@code clock}. */
	ErrorMapping(JsonMapper json, Duration readTimeout, Clock clock) {
		this.json = json;
		this.readTimeout = readTimeout;
		this.clock = clock;
	}

	/** The failure that the non-2xx {@code response} to {@code what} tells; reads (and leaves open) its body. */
	LiveStationApiException of(String what, ClientHttpResponse response, int status) throws IOException {
		HttpHeaders headers = response.getHeaders();
		String traceId = headers.getFirst(TRACE_ID);
		ErrorBody error;
		try (InputStream body = new ResponseBody(response.getBody(), System.nanoTime(), this.readTimeout)) {
			error = ErrorBody.read(body, MAX_ERROR_BODY, this.json);
		}
		String detail = "HTTP " + status + ((error.code() != null) ? ", errorCode " + error.code() : "")
				+ ((error.message() != null) ? " " + error.message() : "");
		if (status == 401 || status == 403) {
			return new LiveStationAuthException(what + " was refused (" + detail + "): "
					+ AuthDiagnosis.cause(status, error.code(), headers.getFirst(HttpHeaders.DATE), this.clock), status,
					error.code(), traceId);
		}
		return new LiveStationApiException(what + " failed (" + detail + ")", status, error.code(), traceId,
				RetryPolicy.retriesStatus(status), RetryPolicy.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER),
						this.clock),
				null);
	}

	/** A 2xx answer to {@code what} whose body is not what the API documents; retried, as a cut-off body is. */
	static LiveStationApiException malformed(String what, String why, @Nullable Throwable cause) {
		String reason = (cause != null && cause.getMessage() != null) ? ": " + firstLine(cause.getMessage()) : "";
		return new LiveStationApiException(what + " returned a malformed response (" + why + reason + ")", 0, null,
				null, true, null, cause);
	}

	/** {@code failure} of the last attempt at {@code what}, as the API error that names the request. */
	static LiveStationApiException of(String what, RuntimeException failure) {
		if (failure instanceof LiveStationApiException api) {
			return api;
		}
		if (failure instanceof JacksonException && !brokenOff(failure)) {
			return malformed(what, "the body could not be parsed", failure);
		}
		String reason = (failure.getMessage() != null) ? firstLine(failure.getMessage())
				: failure.getClass().getSimpleName();
		return new LiveStationApiException(what + " failed: " + reason, 0, null, null, RetryPolicy.isRetryable(failure),
				null, failure);
	}

	/** Whether the parser failed because the body stopped arriving (cut off, timed out), not because of its content. */
	static boolean brokenOff(Throwable failure) {
		return failure instanceof JacksonException && failure.getCause() instanceof IOException;
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		String line = (newline < 0) ? text : text.substring(0, newline);
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	/** The decoded error body of either documented shape, errorCode read as text whatever its JSON type. */
	record ErrorBody(@Nullable String code, @Nullable String message) {

		static ErrorBody read(InputStream body, int limit, JsonMapper json) {
			try {
				byte[] bytes = body.readNBytes(limit);
				JsonNode error = json.readTree(bytes).path("error");
				return new ErrorBody(JsonText.field(error, "errorCode"), JsonText.field(error, "message"));
			}
			catch (IOException | RuntimeException ex) {
				return new ErrorBody(null, null);
			}
		}

	}

}
