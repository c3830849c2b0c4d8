package dev.lsarchive.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * The likely cause of a 401 or 403, in words an operator acts on: missing permissions, this
 * machine's clock too far off the gateway's, or wrong keys. Names settings, never their values.
 */
final class AuthDiagnosis {

	// the gateway refuses a signature whose timestamp is further off than this
	private static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

	private AuthDiagnosis() {
	}

	/** The cause of a refusal with {@code status} and {@code errorCode}, judged against the answer's {@code Date}. */
	static String cause(int status, @Nullable String errorCode, @Nullable String serverDate, Clock clock) {
		if ("210".equals(errorCode) || "230".equals(errorCode) || status == 403) {
			return "the account lacks permission for Live Station (check the sub-account's policy for livestation.api.access-key)";
		}
		Duration skew = clockSkew(serverDate, clock);
		if (skew != null && skew.abs().compareTo(ALLOWED_SKEW) > 0) {
			return "this machine's clock is " + skew.abs().toMinutes()
					+ " minutes off the gateway's (more than the 5 minutes it allows): synchronise the clock (NTP)";
		}
		return "wrong livestation.api.access-key or livestation.api.secret-key"
				+ " (or a clock more than 5 minutes off the gateway's)";
	}

	private static @Nullable Duration clockSkew(@Nullable String serverDate, Clock clock) {
		if (serverDate == null) {
			return null;
		}
		try {
			ZonedDateTime server = ZonedDateTime.parse(serverDate, DateTimeFormatter.RFC_1123_DATE_TIME);
			return Duration.ofMillis(clock.millis() - server.toInstant().toEpochMilli());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
