package dev.lsarchive.callback;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackRegistrationTests {

	@Test
	void showsAUrlWithoutItsLastSegmentQueryOrUserInfo() {
		// given
		URI url = URI.create("https://user:pw@archive.example:8443/hooks/callbacks/tok3n?x=tok3n#tok3n");

		// when
		String shown = CallbackRegistration.redacted(url);

		// then
		assertThat(shown).isEqualTo("https://archive.example:8443/hooks/callbacks/…");
		assertThat(CallbackRegistration.redacted(URI.create("https://a.example/tok3n/"))).isEqualTo("https://a.example/…");
	}

	@Test
	void acceptsHttpsAndHttpOnlyOnALoopbackHostWithTheTokenAsLastPathSegment() {
		// given
		String[] accepted = { "https://archive.example/callbacks/t", "http://localhost:8080/callbacks/t",
				"http://127.0.0.1/callbacks/t", "http://[::1]:8080/callbacks/t" };
		String[] refused = { "http://archive.example/callbacks/t", "http://10.0.0.1/callbacks/t",
				"http://localhost.example/callbacks/t", "ftp://archive.example/t", "https://archive.example",
				"https://archive.example/", "/callbacks/t", "https://archive.example/cb?token=t",
				"https://user:pw@archive.example/callbacks/t", "https://archive.example/callbacks/t#t" };

		// when / then
		for (String url : accepted) {
			assertThat(CallbackRegistration.problem(URI.create(url))).as(url).isNull();
		}
		for (String url : refused) {
			assertThat(CallbackRegistration.problem(URI.create(url))).as(url).isNotNull().doesNotContain("/t");
		}
	}

}
