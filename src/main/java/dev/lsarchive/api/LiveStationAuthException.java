package dev.lsarchive.api;

import org.jspecify.annotations.Nullable;

/** 401 or 403 from the gateway: the keys, the clock or the permissions are wrong. Never retried. */
public class LiveStationAuthException extends LiveStationApiException {

	public LiveStationAuthException(String message, int httpStatus, @Nullable String errorCode,
			@Nullable String traceId) {
		super(message, httpStatus, errorCode, traceId, false, null, null);
	}

}
