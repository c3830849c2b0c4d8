package dev.lsarchive.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedSnapshot;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ApiSettings;
import dev.lsarchive.support.Simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against the simulator over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class LiveStationClientIntegrationTests {

	@Test
	void pagesEachKindOfChannelListAsDocumented() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(30, 1))) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			List<SimulatedChannel> live = simulator.dataset().channels("LIVE");

			// when
			ChannelPage first = client.channelPage(ChannelKind.LIVE, 1, 10);
			ChannelPage last = client.channelPage(ChannelKind.LIVE, 3, 10);
			ChannelPage restream = client.channelPage(ChannelKind.RE_STREAM, 1, 100);
			ChannelPage vod = client.channelPage(ChannelKind.VOD2LIVE, 1, 100);

			// then
			assertThat(first.total()).isEqualTo(live.size()).isEqualTo(22);
			assertThat(first.content()).hasSize(10);
			assertThat(last.content()).hasSize(2);
			assertThat(first.content().get(0).channelId()).isEqualTo(live.get(0).channelId());
			assertThat(restream.total()).isEqualTo(restream.content().size()).isEqualTo(4);
			assertThat(vod.total()).isEqualTo(vod.content().size()).isEqualTo(4);
			assertThat(restream.content()).allSatisfy((c) -> {
				assertThat(c.kind()).isEqualTo(ChannelKind.RE_STREAM);
				assertThat(c.planType()).isIn("STANDARD", "PROFESSIONAL");
				assertThat(c.platformCount()).isNotNull();
			});
			assertThat(vod.content()).extracting(ChannelDto::kind).containsOnly(ChannelKind.VOD2LIVE);
			assertThat(first.content()).extracting(ChannelDto::useDvr).doesNotContainNull();
			assertThat(first.content()).extracting(ChannelDto::instanceNo).doesNotContainNull();
			assertThat(List.of(first, last, restream, vod)).flatMap(ChannelPage::content)
				.allSatisfy((c) -> assertThat(c.payload()).doesNotContain("streamKey", "publishUrl"));
			assertThat(simulator.authFailures()).isZero();
		}
	}

	@Test
	void readsReStreamTargetsWithoutTheirSecrets() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(7, 1))) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			SimulatedChannel channel = simulator.dataset().channels("RE_STREAM").get(0);

			// when
			List<RestreamTarget> targets = client.restreamTargets(channel.channelId()).orElseThrow();

			// then
			assertThat(targets).extracting(RestreamTarget::targetName)
				.containsExactlyElementsOf(channel.targets().stream().map(SimulatedChannel.Target::targetName).toList());
			assertThat(targets.toString()).doesNotContain(channel.targets().stream()
				.flatMap((t) -> java.util.stream.Stream.of(t.streamKey(), t.id(), t.password()))
				.toArray(String[]::new));
			assertThat(client.restreamTargets("ls-20990101000000-XXXXX")).isEmpty();
		}
	}

	@Test
	void everyRecordOfEveryResourceKeepsTheFieldsTheArchiveDoesNotMapAndNoSecret() {
		// given: a simulator sending a field of its own in every record, and one inside an object
		SimulatorProperties extended = SimulatorProperties.of(40, 30).toBuilder()
			.extraFields(List.of("futureFlag", "cdn.edgeRegion"))
			.build();
		try (LiveStationSimulator simulator = Simulators.start(extended)) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			long now = simulator.now().toEpochMilli();
			SimulatedChannel restream = simulator.dataset().channels("RE_STREAM").get(0);
			SimulatedChannel publishing = simulator.dataset().channels().stream()
				.filter(SimulatedChannel::takesSnapshots).findFirst().orElseThrow();
			SimulatedChannel recorded = simulator.dataset().channels().stream()
				.filter((c) -> !simulator.dataset().recordingsAt(c, now).isEmpty()).findFirst().orElseThrow();
			List<String> secrets = new ArrayList<>();
			for (SimulatedChannel channel : simulator.dataset().channels()) {
				secrets.add(channel.streamKey());
				channel.targets().forEach((t) -> secrets.addAll(List.of(t.streamKey(), t.id(), t.password())));
			}

			// when
			List<ChannelDto> channels = new ArrayList<>();
			for (ChannelKind kind : ChannelKind.values()) {
				channels.addAll(client.channelPage(kind, 1, 100).content());
			}
			channels.add(client.channel(publishing.channelId()).orElseThrow());
			List<RestreamTarget> targets = client.restreamTargets(restream.channelId()).orElseThrow();
			SnapshotDto snapshot = client.snapshot(publishing.channelId(),
					Long.toString(simulator.dataset().snapshotAt(publishing, now).snapshotId())).orElseThrow();
			List<RecordingDto> recordings = client.recordings(recorded.channelId()).orElseThrow();
			List<EventDto> events = new ArrayList<>();
			try (EventStream stream = client.events(null)) {
				for (EventDto event = stream.next(); event != null; event = stream.next()) {
					events.add(event);
				}
			}

			// then: each record's payload and paths carry both fields; an event has them as its extra
			List<Set<String>> fields = new ArrayList<>();
			List<String> payloads = new ArrayList<>();
			channels.forEach((c) -> {
				fields.add(c.fields());
				payloads.add(c.payload());
			});
			targets.forEach((t) -> {
				fields.add(t.fields());
				payloads.add(t.payload());
			});
			fields.add(snapshot.fields());
			payloads.add(snapshot.payload());
			recordings.forEach((r) -> {
				fields.add(r.fields());
				payloads.add(r.payload());
			});
			events.forEach((e) -> {
				fields.add(e.fields());
				payloads.add(e.payload().json());
			});
			assertThat(channels).hasSize(41);
			assertThat(targets).isNotEmpty();
			assertThat(recordings).isNotEmpty();
			assertThat(events).hasSize(40 * 30);
			assertThat(fields).allSatisfy((paths) -> assertThat(paths).contains("futureFlag", "cdn", "cdn.edgeRegion"));
			assertThat(payloads).allSatisfy((payload) -> assertThat(payload)
				.contains("\"futureFlag\":\"simulated futureFlag\"", "\"edgeRegion\":\"simulated cdn.edgeRegion\"")
				.doesNotContain(secrets.toArray(String[]::new)));
			assertThat(events).extracting(EventDto::extra)
				.containsOnly("{\"futureFlag\":\"simulated futureFlag\",\"cdn\":{\"edgeRegion\":\"simulated cdn.edgeRegion\"}}");
			assertThat(channels).filteredOn((c) -> c.kind() == ChannelKind.LIVE)
				.allSatisfy((c) -> assertThat(c.fields()).contains("cdn.cdnType"));
		}
	}

	@Test
	void readsSnapshotInfoWithinItsHourAndReportsAnExpiredOneAsEmpty() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(40, 1))) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			SimulatedChannel publishing = simulator.dataset().channels().stream()
				.filter(SimulatedChannel::takesSnapshots).findFirst().orElseThrow();
			SimulatedSnapshot taken = simulator.dataset().snapshotAt(publishing, simulator.now().toEpochMilli());

			// when
			SnapshotDto snapshot = client.snapshot(publishing.channelId(), Long.toString(taken.snapshotId()))
				.orElseThrow();
			simulator.setTime(java.time.Instant.ofEpochMilli(taken.expireTime()));
			boolean readableAfterItsHour = client.snapshot(publishing.channelId(), Long.toString(taken.snapshotId()))
				.isPresent();

			// then
			assertThat(snapshot.snapshotUrl()).isEqualTo(taken.snapshotUrl());
			assertThat(snapshot.createdTime()).isEqualTo(Long.toString(taken.createdTime()));
			assertThat(readableAfterItsHour).isFalse();
			assertThat(client.snapshot(publishing.channelId(), "999999999")).isEmpty();
		}
	}

	@Test
	void readsChannelInfoAndDecodesLiveStationsOwnErrorBody() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(3, 5))) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			SimulatedChannel channel = simulator.dataset().channels().get(2);

			// when
			ChannelDto info = client.channel(channel.channelId()).orElseThrow();
			LiveStationApiException missing = catchThrowableOfType(LiveStationApiException.class,
					() -> client.events("ls-20990101000000-XXXXX").next());

			// then
			assertThat(info.channelName()).isEqualTo(channel.channelName());
			assertThat(info.payload()).doesNotContain(channel.streamKey());
			assertThat(client.channel("ls-20990101000000-XXXXX")).isEmpty();
			assertThat(missing.httpStatus()).isEqualTo(404);
			assertThat(missing.errorCode()).isEqualTo("250004");
		}
	}

	@Test
	void readsTheEventsOfAllChannelsInOneList() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(4, 25))) {
			LiveStationClient client = ApiTestClients.client(simulator, new ApiCallStats());
			long count = 0;

			// when
			try (EventStream events = client.events(null)) {
				while (events.next() != null) {
					count++;
				}
				// then
				assertThat(events.total()).isEqualTo(100);
			}
			assertThat(count).isEqualTo(100);
		}
	}

	@Test
	void aResponseSlowerThanTheReadTimeoutIsAbandonedAndRetried() {
		// given: a third of the answers take a second, the client waits 300 ms
		SimulatorProperties slow = SimulatorProperties.of(1, 1)
			.withFaults(SimulatorProperties.Faults.NONE.withSlowShare(0.34)
				.withSlowDelay(Duration.ofSeconds(1))
				.withSeed(9), Duration.ZERO);
		try (LiveStationSimulator simulator = Simulators.start(slow)) {
			LiveStationProperties impatient = ApiSettings.of(simulator)
				.connectTimeout(Duration.ofSeconds(1))
				.readTimeout(Duration.ofMillis(300))
				.streamTimeout(Duration.ofMillis(300))
				.maxAttempts(10)
				.backoff(Duration.ofMillis(2), Duration.ofMillis(20))
				.build();
			ApiCallStats stats = new ApiCallStats();
			LiveStationClient client = new LiveStationClient(impatient, stats);

			// when
			for (int i = 0; i < 6; i++) {
				client.channelPage(1, 1);
			}

			// then
			assertThat(simulator.faultsInjected()).isPositive();
			assertThat(stats.snapshot().retries()).isEqualTo(simulator.faultsInjected());
		}
	}

	@Test
	void retriesServerErrorsThrottlingAndBrokenBodiesUntilEveryEventArrivesOnce() {
		// given: a third of the answers fail in one way or another
		SimulatorProperties faulty = SimulatorProperties.of(40, 150)
			.withFaults(SimulatorProperties.Faults.NONE.withThrottleShare(0.1)
				.withRetryAfterShare(0)
				.withServerErrorShare(0.1)
				.withTruncateShare(0.1)
				.withMalformedShare(0.05)
				.withSeed(11), Duration.ZERO);
		try (LiveStationSimulator simulator = Simulators.start(faulty)) {
			ApiCallStats stats = new ApiCallStats();
			LiveStationClient client = new LiveStationClient(ApiSettings.of(simulator).maxAttempts(20).build(), stats);
			List<String> timestamps = new ArrayList<>();

			// when
			for (SimulatedChannel channel : simulator.dataset().channels()) {
				try (EventStream events = client.events(channel.channelId())) {
					for (EventDto event = events.next(); event != null; event = events.next()) {
						timestamps.add(event.requestedChannelId() + "@" + event.timestamp());
					}
				}
			}

			// then
			assertThat(timestamps).hasSize(6000);
			assertThat(new HashSet<>(timestamps)).as("no event lost or repeated").hasSize(6000);
			assertThat(simulator.faultsInjected()).isPositive();
			assertThat(stats.snapshot().retries()).isGreaterThanOrEqualTo(simulator.faultsInjected());
		}
	}

	@Test
	void waitsWhatRetryAfterAsksForInsteadOfItsOwnBackoff() {
		// when: half of the answers are 429, each with Retry-After: 1
		ApiCallStats.Snapshot calls = fourPagesHalfThrottled(1.0);

		// then: every retry waited the second asked for; the client's own backoff would be 1-10 ms here
		assertThat(calls.retries()).isPositive().isEqualTo(calls.throttled());
		assertThat(calls.retryWaitMillis()).isEqualTo(calls.retries() * 1000);
	}

	@Test
	void usesItsOwnJitteredBackoffWhenThereIsNoRetryAfter() {
		// when: half of the answers are 429, none with Retry-After
		ApiCallStats.Snapshot calls = fourPagesHalfThrottled(0.0);

		// then: initial backoff 2 ms, doubling: far below the second a Retry-After would have asked for
		assertThat(calls.retries()).isPositive();
		assertThat(calls.retryWaitMillis()).isLessThan(calls.retries() * 600);
	}

	private static ApiCallStats.Snapshot fourPagesHalfThrottled(double retryAfterShare) {
		SimulatorProperties throttled = SimulatorProperties.of(1, 1)
			.withFaults(SimulatorProperties.Faults.NONE.withThrottleShare(0.5)
				.withRetryAfterShare(retryAfterShare)
				.withSeed(3), Duration.ZERO);
		try (LiveStationSimulator simulator = Simulators.start(throttled)) {
			ApiCallStats stats = new ApiCallStats();
			LiveStationClient client = new LiveStationClient(ApiSettings.of(simulator).maxAttempts(10).build(), stats);
			for (int i = 0; i < 4; i++) {
				client.channelPage(1, 10);
			}
			return stats.snapshot();
		}
	}

	@Test
	void oneRateBudgetBoundsEveryCallerOfTheProcess() throws Exception {
		// given: 5 requests per second for everyone
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			LiveStationProperties oneAttemptFivePerSecond = ApiSettings.of(simulator).maxAttempts(1)
				.requestsPerSecond(5)
				.build();
			LiveStationClient client = new LiveStationClient(oneAttemptFivePerSecond, new ApiCallStats());
			ExecutorService callers = Executors.newFixedThreadPool(3);
			long start = System.nanoTime();

			// when: three callers send 15 requests
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				calls.add(callers.submit(() -> client.channelPage(1, 1)));
			}
			for (Future<?> call : calls) {
				call.get();
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			callers.shutdown();

			// then: after the first 5 permits, 10 more need two further refreshes of the budget, at least
			// one full period apart (unlimited, the 15 calls take a few tens of milliseconds)
			assertThat(simulator.requests()).isEqualTo(15);
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
		}
	}

	@Test
	void aWrongSecretFailsAtOnceNamingTheKeysAndTheTraceId() {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			LiveStationProperties wrong = ApiSettings.of(simulator).maxAttempts(5).requestsPerSecond(100)
				.secretKey("wrong-secret")
				.build();
			LiveStationClient client = new LiveStationClient(wrong, new ApiCallStats());

			// when
			LiveStationAuthException failure = catchThrowableOfType(LiveStationAuthException.class,
					() -> client.channelPage(1, 10));

			// then
			assertThat(simulator.requests()).as("not retried").isEqualTo(1);
			assertThat(failure.httpStatus()).isEqualTo(401);
			assertThat(failure.errorCode()).isEqualTo("200");
			assertThat(failure.traceId()).isNotBlank();
			assertThat(failure.getMessage()).contains("livestation.api.secret-key", failure.traceId())
				.doesNotContain("wrong-secret");
		}
	}

	@Test
	void aSkewedClockIsNamedAsTheCause() {
		// given: this machine's clock runs six minutes ahead
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6));
			LiveStationProperties settings = ApiSettings.of(simulator).maxAttempts(5).requestsPerSecond(100).build();
			LiveStationClient client = ApiTestClients.client(settings, new ApiCallStats(), skewed);

			// when
			LiveStationAuthException failure = catchThrowableOfType(LiveStationAuthException.class,
					() -> client.channelPage(1, 10));

			// then
			assertThat(failure.getMessage()).contains("clock is 6 minutes off");
		}
	}

	@Test
	void decodesErrorCodesSentAsNumbersOrAsStrings() {
		for (boolean asNumber : new boolean[] { false, true }) {
			// given
			SimulatorProperties data = SimulatorProperties.of(1, 1);
			data = data.toBuilder().snapshotShare(0).threads(4).noOddities().errorCodeAsNumber(asNumber)
				.faults(SimulatorProperties.Faults.NONE.withThrottleShare(1.0).withRetryAfterShare(0).withSeed(1))
				.build();
			try (LiveStationSimulator simulator = Simulators.start(data)) {
				LiveStationProperties oneAttempt = ApiSettings.of(simulator).maxAttempts(1).requestsPerSecond(100).build();
				LiveStationClient client = new LiveStationClient(oneAttempt, new ApiCallStats());

				// when
				LiveStationApiException failure = catchThrowableOfType(LiveStationApiException.class,
						() -> client.channelPage(1, 10));

				// then
				assertThat(failure.httpStatus()).isEqualTo(429);
				assertThat(failure.errorCode()).isEqualTo("420");
			}
		}
	}

	@Test
	void secretKeyAndSignaturesNeverReachTheLogsOrErrors(CapturedOutput output) {
		// given: everything logged, down to DEBUG
		Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
		Level before = root.getLevel();
		root.setLevel(Level.DEBUG);
		SimulatorProperties faulty = SimulatorProperties.of(20, 50)
			.withFaults(SimulatorProperties.Faults.NONE.withThrottleShare(0.2)
				.withServerErrorShare(0.2)
				.withTruncateShare(0.1)
				.withSeed(5), Duration.ZERO);
		try (LiveStationSimulator simulator = Simulators.start(faulty)) {
			LiveStationClient client = new LiveStationClient(ApiSettings.of(simulator).maxAttempts(20).build(),
					new ApiCallStats());
			List<String> messages = new ArrayList<>();

			// when
			client.channelPage(1, 100).content().forEach((c) -> messages.add(c.toString() + c.payload()));
			for (SimulatedChannel channel : simulator.dataset().channels()) {
				try (EventStream events = client.events(channel.channelId())) {
					while (events.next() != null) {
						// consume
					}
				}
			}
			LiveStationClient wrong = new LiveStationClient(ApiSettings.of(simulator).maxAttempts(3).requestsPerSecond(100)
				.secretKey("a-wrong-secret-123")
				.build(), new ApiCallStats());
			messages.add(catchThrowableOfType(LiveStationApiException.class, () -> wrong.channelPage(1, 1)).getMessage());

			// then
			Set<String> secrets = new HashSet<>(simulator.signaturesSeen());
			secrets.add(simulator.secretKey());
			secrets.add("a-wrong-secret-123");
			simulator.dataset().channels().forEach((c) -> secrets.add(c.streamKey()));
			assertThat(simulator.signaturesSeen()).hasSizeGreaterThan(5);
			String everything = output.getAll() + String.join("\n", messages);
			assertThat(everything).contains("Retrying");
			for (String secret : secrets) {
				assertThat(everything).doesNotContain(secret);
			}
		}
		finally {
			root.setLevel(before);
		}
	}

}
