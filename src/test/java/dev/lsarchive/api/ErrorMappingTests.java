package dev.lsarchive.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;

import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ErrorMappingTests {

	private final ErrorMapping errors = new ErrorMapping(ResponseParsing.JSON, Duration.ofSeconds(1),
			Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

	@Test
	void anOutageIsRetryableAndCarriesItsCodeTraceIdAndRetryAfter() throws IOException {
		// given: Live Station's own body, its code a number
		MockClientHttpResponse response = response(503, "{\"error\":{\"errorCode\":250001,\"message\":\"busy\"}}");
		response.getHeaders().add("x-ncp-trace-id", "trace-1");
		response.getHeaders().add("Retry-After", "2");

		// when
		LiveStationApiException error = this.errors.of("GET /api/x", response, 503);

		// then
		assertThat(error).isNotInstanceOf(LiveStationAuthException.class);
		assertThat(error.getMessage())
			.isEqualTo("GET /api/x failed (HTTP 503, errorCode 250001 busy) [x-ncp-trace-id=trace-1]");
		assertThat(error.httpStatus()).isEqualTo(503);
		assertThat(error.errorCode()).isEqualTo("250001");
		assertThat(error.traceId()).isEqualTo("trace-1");
		assertThat(error.isRetryable()).isTrue();
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aRefusalIsAnAuthErrorWithItsLikelyCauseAndNeverRetried() throws IOException {
		// given: the gateway's body, its code a string
		MockClientHttpResponse response = response(401,
				"{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\"}}");
		response.getHeaders().add("x-ncp-trace-id", "trace-2");

		// when
		LiveStationApiException error = this.errors.of("GET /api/x", response, 401);

		// then
		assertThat(error).isInstanceOf(LiveStationAuthException.class);
		assertThat(error.getMessage()).startsWith("GET /api/x was refused (HTTP 401, errorCode 200 Authentication Failed): ")
			.contains("livestation.api.secret-key")
			.endsWith("[x-ncp-trace-id=trace-2]");
		assertThat(error.isRetryable()).isFalse();
	}

	@Test
	void aBodyThatIsNoErrorBodyLeavesOnlyTheStatus() throws IOException {
		// when
		LiveStationApiException error = this.errors.of("GET /api/x", response(404, "<html>not found</html>"), 404);

		// then
		assertThat(error.getMessage()).isEqualTo("GET /api/x failed (HTTP 404)");
		assertThat(error.errorCode()).isNull();
		assertThat(error.traceId()).isNull();
		assertThat(error.isRetryable()).isFalse();
	}

	@Test
	void aMalformedBodyIsRetriedAndToldByTheFirstLineOfItsCause() {
		// when
		LiveStationApiException error = ErrorMapping.malformed("GET /api/x", "the body is not valid JSON",
				new IllegalStateException("Unexpected character\n at line 1"));

		// then
		assertThat(error.getMessage())
			.isEqualTo("GET /api/x returned a malformed response (the body is not valid JSON: Unexpected character)");
		assertThat(error.httpStatus()).isZero();
		assertThat(error.isRetryable()).isTrue();
	}

	@Test
	void theLastAttemptsFailureNamesTheRequestAndKeepsItsRetryability() {
		// given
		LiveStationApiException already = new LiveStationApiException("GET /api/x failed (HTTP 500)", 500, null,
				null, true, null, null);
		JacksonException unparsable = (JacksonException) catchThrowable(() -> ResponseParsing.JSON.readTree("{]"));

		// when
		LiveStationApiException io = ErrorMapping.of("GET /api/x", new ResourceAccessException("Connection reset"));
		LiveStationApiException bug = ErrorMapping.of("GET /api/x", new IllegalStateException());
		LiveStationApiException parse = ErrorMapping.of("GET /api/x", unparsable);

		// then
		assertThat(ErrorMapping.of("GET /api/x", already)).isSameAs(already);
		assertThat(io.getMessage()).isEqualTo("GET /api/x failed: Connection reset");
		assertThat(io.isRetryable()).isTrue();
		assertThat(bug.getMessage()).isEqualTo("GET /api/x failed: IllegalStateException");
		assertThat(bug.isRetryable()).isFalse();
		assertThat(parse.getMessage()).startsWith("GET /api/x returned a malformed response (the body could not be parsed: ");
		assertThat(parse.isRetryable()).isTrue();
	}

	private static MockClientHttpResponse response(int status, String body) {
		return new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), HttpStatusCode.valueOf(status));
	}

}
