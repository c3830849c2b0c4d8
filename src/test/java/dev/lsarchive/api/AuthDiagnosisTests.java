package dev.lsarchive.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthDiagnosisTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void aForbiddenAnswerOrAPermissionCodeNamesThePermissions() {
		// then
		assertThat(AuthDiagnosis.cause(403, null, null, this.clock)).contains("lacks permission");
		assertThat(AuthDiagnosis.cause(401, "210", null, this.clock)).contains("lacks permission");
		assertThat(AuthDiagnosis.cause(401, "230", null, this.clock)).contains("lacks permission");
	}

	@Test
	void aGatewayClockMoreThanFiveMinutesAwayNamesTheClock() {
		// then
		assertThat(AuthDiagnosis.cause(401, "200", "Wed, 25 Nov 2026 09:53:30 GMT", this.clock))
			.startsWith("this machine's clock is 6 minutes off the gateway's");
		assertThat(AuthDiagnosis.cause(401, "200", "Wed, 25 Nov 2026 10:07:00 GMT", this.clock))
			.startsWith("this machine's clock is 7 minutes off the gateway's");
	}

	@Test
	void otherwiseTheKeysAreNamedNeverTheirValues() {
		// then
		for (String date : new String[] { null, "Wed, 25 Nov 2026 10:04:00 GMT", "not a date" }) {
			assertThat(AuthDiagnosis.cause(401, "200", date, this.clock))
				.startsWith("wrong livestation.api.access-key or livestation.api.secret-key");
		}
	}

}
