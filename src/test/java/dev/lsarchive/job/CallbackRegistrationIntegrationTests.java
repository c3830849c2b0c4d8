package dev.lsarchive.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.callback.CallbackRegistration;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ApiSettings;
import dev.lsarchive.support.Simulators;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackRegistrationIntegrationTests {

	private static final String TOKEN = "s3cr3t-t0ken-4f9a";

	@Test
	void registersTheDefaultEndpointAndPrintsItWithoutItsSecret() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(6, 5))) {
			String url = "http://127.0.0.1:8080/callbacks/" + TOKEN;

			// when: on a host that also has the receiver's token, which the URL ends with
			Outcome outcome = register(simulator, ApiSettings.of(simulator), url, null, TOKEN);

			// then
			assertThat(outcome.exitCode()).isZero();
			assertThat(simulator.defaultCallbackEndpoint()).contains(URI.create(url));
			assertThat(outcome.out()).isEqualTo("Registered the callback endpoint http://127.0.0.1:8080/callbacks/… as the"
					+ " default of every channel (a channel's own endpoint wins over it)\n");
			assertThat(outcome.err()).isEmpty();
		}
	}

	@Test
	void theRegistrationStartsWithoutADatabase() {
		// given: a database setting that nothing answers at, which a start that connected would fail on
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(6, 5))) {
			String url = "http://127.0.0.1:8080/callbacks/" + TOKEN;

			// when: the start the entry point makes for --archive.job=register-callback
			String[] args = { "--archive.job=register-callback", "--archive.callback.url=" + url,
					"--livestation.api.base-url=" + simulator.baseUrl(), "--livestation.api.allow-insecure-http=true",
					"--livestation.api.access-key=" + simulator.accessKey(),
					"--livestation.api.secret-key=" + simulator.secretKey(),
					"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nothing-answers-here" };
			boolean selected = CallbackRegistrationApplication.selected(args);
			int exitCode = CallbackRegistrationApplication.run(args);

			// then
			assertThat(selected).isTrue();
			assertThat(exitCode).isZero();
			assertThat(simulator.defaultCallbackEndpoint()).contains(URI.create(url));
		}
	}

	@Test
	void registersAChannelsOwnEndpointAtTheEndpointOfItsKind() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(9, 5))) {
			for (String kind : new String[] { "LIVE", "RE_STREAM", "VOD2LIVE" }) {
				String channel = simulator.dataset().channels(kind).get(0).channelId();
				String url = "https://archive.example/callbacks/" + kind + TOKEN;

				// when
				Outcome outcome = register(simulator, ApiSettings.of(simulator), url, channel);

				// then
				assertThat(outcome.exitCode()).as(kind).isZero();
				assertThat(simulator.channelCallbackEndpoints()).containsEntry(channel, URI.create(url));
				assertThat(outcome.out()).contains("https://archive.example/callbacks/…", channel)
					.doesNotContain(TOKEN);
			}
			assertThat(simulator.defaultCallbackEndpoint()).isEmpty();
		}
	}

	@Test
	void anUnknownChannelIsOneLineAndExitCode2() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 5))) {

			// when
			Outcome outcome = register(simulator, ApiSettings.of(simulator),
					"https://archive.example/callbacks/" + TOKEN, "ls-20260101000000-nope0");

			// then
			assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(outcome.err()).startsWith("livestation-archive: channel ls-20260101000000-nope0 is in no listing")
				.hasLineCount(1)
				.doesNotContain(TOKEN);
			assertThat(simulator.channelCallbackEndpoints()).isEmpty();
		}
	}

	@Test
	void plainHttpBeyondLocalhostAShortTokenOrAnEmptyChannelIsRefusedBeforeAnyRequest() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 5))) {

			// when
			Outcome http = register(simulator, ApiSettings.of(simulator), "http://archive.example/callbacks/" + TOKEN,
					null);
			Outcome noToken = register(simulator, ApiSettings.of(simulator), "https://archive.example/", null);
			Outcome missing = register(simulator, ApiSettings.of(simulator), null, null);
			Outcome shortToken = register(simulator, ApiSettings.of(simulator), "https://archive.example/callbacks/t0ken",
					null);
			Outcome emptyChannel = register(simulator, ApiSettings.of(simulator),
					"https://archive.example/callbacks/" + TOKEN, " ");
			Outcome otherToken = register(simulator, ApiSettings.of(simulator),
					"https://archive.example/callbacks/" + TOKEN, null, "another-t0ken-of-the-receiver");

			// then
			assertThat(http.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(http.err()).startsWith("livestation-archive: archive.callback.url must be https")
				.hasLineCount(1)
				.doesNotContain(TOKEN);
			assertThat(noToken.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(noToken.err()).contains("has no path");
			assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(missing.err()).contains("ARCHIVE_CALLBACK_URL");
			assertThat(shortToken.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(shortToken.err()).contains("does not end with a token the receiver accepts").doesNotContain("t0ken");
			assertThat(emptyChannel.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(emptyChannel.err()).contains("archive.callback.channel is empty").doesNotContain(TOKEN);
			assertThat(otherToken.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(otherToken.err()).contains("does not end with archive.callback.token")
				.doesNotContain(TOKEN, "another-t0ken");
			assertThat(simulator.requests()).isZero();
		}
	}

	@Test
	void refusedCredentialsAreExitCode2AndAnOutageExitCode75() {
		// given
		LiveStationSimulator stopped = Simulators.start(SimulatorProperties.of(1, 5));
		ApiSettings gone = ApiSettings.of(stopped).maxAttempts(2).backoff(Duration.ofMillis(1), Duration.ofMillis(2));
		stopped.close();
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 5))) {
			String url = "https://archive.example/callbacks/" + TOKEN;

			// when
			Outcome refused = register(simulator, ApiSettings.of(simulator).secretKey("wrong-secret"), url, null);
			Outcome outage = register(simulator, gone, url, null);

			// then
			assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(refused.err()).startsWith("livestation-archive: credentials refused: POST /api/v2/events/callbackEndpoint")
				.hasLineCount(1)
				.doesNotContain(TOKEN);
			assertThat(outage.exitCode()).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
			assertThat(outage.err()).startsWith("livestation-archive: Live Station did not answer the registration")
				.hasLineCount(1)
				.doesNotContain(TOKEN);
			assertThat(simulator.defaultCallbackEndpoint()).isEmpty();
		}
	}

	private static Outcome register(LiveStationSimulator simulator, ApiSettings settings, String url, String channel) {
		return register(simulator, settings, url, channel, null);
	}

	private static Outcome register(LiveStationSimulator simulator, ApiSettings settings, String url, String channel,
			String token) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (LiveStationClient client = new LiveStationClient(settings.build(), new ApiCallStats())) {
			int exitCode = new CallbackRegistration(client, new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8))
				.register(url, channel, token);
			return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
	}

	private record Outcome(int exitCode, String out, String err) {
	}

}
