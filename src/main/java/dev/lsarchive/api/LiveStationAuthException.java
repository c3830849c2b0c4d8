package dev.lsarchive.api;

import org.jspecify.annotations.Nullable;

/** 401 or 403 from the gateway: the keys, the clock or the permissions are wrong. Never retried. */
public class LiveStationAuthException extends LiveStationApiException {

	/**
	 * How a failure for this cause is told, first in its line: the run ledger's {@code exit_message} and the
	 * callback registration's line begin with it, and the health check tells that cause by it.
	 */
	public static final String CREDENTIALS_REFUSED = "credentials refused";

	public LiveStationAuthException(String message, int httpStatus, @Nullable String errorCode,
			@Nullable String traceId) {
		super(message, httpStatus, errorCode, traceId, false, null, null);
	}

}
