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
		String token = "t0ken-of-20-chars.x";
		String[] accepted = { "https://archive.example/callbacks/" + token, "http://localhost:8080/callbacks/" + token,
				"http://127.0.0.1/callbacks/" + token, "http://[::1]:8080/callbacks/" + token,
				"https://archive.example/" + token };
		String[] refused = { "http://archive.example/callbacks/" + token, "http://10.0.0.1/callbacks/" + token,
				"http://localhost.example/callbacks/" + token, "ftp://archive.example/" + token, "https://archive.example",
				"https://archive.example/", "/callbacks/" + token, "https://archive.example/cb?token=" + token,
				"https://user:pw@archive.example/callbacks/" + token, "https://archive.example/callbacks/" + token + "#t" };

		// when / then
		for (String url : accepted) {
			assertThat(CallbackRegistration.problem(URI.create(url))).as(url).isNull();
		}
		for (String url : refused) {
			assertThat(CallbackRegistration.problem(URI.create(url))).as(url).isNotNull().doesNotContain(token);
		}
	}

	@Test
	void refusesAUrlWhoseLastSegmentTheReceiverWouldNotAnswer() {
		// given: what the receiver refuses as its token (archive.callback.token's rule), or a port nothing listens on
		String[] refused = { "https://archive.example/callbacks/short", "https://archive.example/callbacks/t0ken-of-20-chars.x/",
				"https://archive.example/callbacks/t0ken%20of-20-chars.x", "https://archive.example/callbacks/" + "t".repeat(257),
				"https://archive.example/callbacks/t0ken+of+20+chars.x", "https://archive.example:99999/callbacks/t0ken-of-20-chars.x" };

		// when / then
		for (String url : refused) {
			assertThat(CallbackRegistration.problem(URI.create(url))).as(url)
				.isNotNull()
				.doesNotContain("short", "t0ken", "ttt")
				.containsAnyOf("token the receiver accepts", "port 99999");
		}
		assertThat(CallbackRegistration.problem(URI.create("https://archive.example/callbacks/" + "t".repeat(256)))).isNull();
	}

}
