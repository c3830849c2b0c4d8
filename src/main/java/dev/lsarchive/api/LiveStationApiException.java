package dev.lsarchive.api;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A request to the Live Station API failed. The message names the request, the HTTP status, the
 * gateway or Live Station error code and the {@code x-ncp-trace-id}; never a key or a signature.
 */
public class LiveStationApiException extends RuntimeException {

	private final int httpStatus;

	private final @Nullable String errorCode;

	private final @Nullable String traceId;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	public LiveStationApiException(String message, int httpStatus, @Nullable String errorCode,
			@Nullable String traceId, boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message + ((traceId != null) ? " [x-ncp-trace-id=" + traceId + "]" : ""), cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
		this.traceId = traceId;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/** HTTP status of the response, or 0 when none arrived (I/O failure, cut-off body). */
	public int httpStatus() {
		return this.httpStatus;
	}

	/** The {@code errorCode} of the error body, as text whatever its JSON type, or null. */
	public @Nullable String errorCode() {
		return this.errorCode;
	}

	/** The {@code x-ncp-trace-id} response header, or null. */
	public @Nullable String traceId() {
		return this.traceId;
	}

	/** Whether the same request may succeed when tried again. */
	public boolean isRetryable() {
		return this.retryable;
	}

	/** The wait the server asked for with {@code Retry-After}, or null. */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
