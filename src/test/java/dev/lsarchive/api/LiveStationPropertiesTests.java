package dev.lsarchive.api;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.lsarchive.support.ApiSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchIllegalArgumentException;

class LiveStationPropertiesTests {

	@Test
	void toStringNeverShowsTheSecretKey() {
		// given
		LiveStationProperties properties = properties(URI.create("https://gw.example.com"), false);

		// then
		assertThat(properties.toString()).doesNotContain("s3cr3t-value").contains("secretKey=******");
	}

	@Test
	void plainHttpIsRefusedUnlessExplicitlyAllowed() {
		// then
		assertThatIllegalArgumentException().isThrownBy(() -> properties(URI.create("http://gw.example.com"), false))
			.withMessageContaining("livestation.api.base-url must be an https URL");
		assertThat(properties(URI.create("http://127.0.0.1:1"), true).baseUrl()).hasScheme("http");
	}

	@Test
	void aMissingKeyIsToldAsEveryOtherSettingIsAndOnlyTheSecretOneIsKeptOffTheCommandLine() {
		// when
		String told = catchIllegalArgumentException(() -> ApiSettings.at(URI.create("https://gw.example.com"), " ", null).build())
			.getMessage();

		// then: the access key is an identifier, given either way; the secret key in the environment only
		assertThat(told.lines()).containsExactly(
				"livestation.api.access-key is not set: set it with --livestation.api.access-key=... or the environment"
						+ " variable LIVESTATION_API_ACCESSKEY",
				"livestation.api.secret-key is not set: set the environment variable LIVESTATION_API_SECRETKEY (a secret:"
						+ " not on the command line, where every user of the host sees it)");
	}

	private static LiveStationProperties properties(URI baseUrl, boolean allowHttp) {
		return ApiSettings.at(baseUrl, "access", "s3cr3t-value").allowInsecureHttp(allowHttp).build();
	}

}
