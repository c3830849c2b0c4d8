package dev.lsarchive.api;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	private static LiveStationProperties properties(URI baseUrl, boolean allowHttp) {
		return new LiveStationProperties(baseUrl, "access", "s3cr3t-value", "KR", Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofMillis(1), Duration.ofMillis(10), 10,
				allowHttp);
	}

}
