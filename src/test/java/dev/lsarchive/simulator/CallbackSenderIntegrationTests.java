package dev.lsarchive.simulator;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.support.CallbackReceiverStub;
import dev.lsarchive.support.Simulators;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackSenderIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Duration HALF_A_DAY = Duration.ofHours(12);

	@Test
	void pushesEveryEventTheClockProducesAsTheEventListShowsIt() throws Exception {
		// given
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0.2)
			.withTextShare(0.5));
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			Instant registered = simulator.now();
			registerDefault(simulator, receiver.url("/callbacks/token-1"));

			// when
			simulator.advance(HALF_A_DAY);
			boolean idle = simulator.awaitCallbacks(WAIT);

			// then: every event of the list after the registration arrived, under one id each
			assertThat(idle).isTrue();
			List<CallbackReceiverStub.Delivery> deliveries = receiver.acknowledged();
			Map<Long, Set<String>> eventsById = new HashMap<>();
			for (CallbackReceiverStub.Delivery delivery : deliveries) {
				eventsById.computeIfAbsent(delivery.id(), (id) -> new HashSet<>()).add(key(delivery.body()));
			}
			assertThat(eventsById.values()).allSatisfy((keys) -> assertThat(keys).hasSize(1));
			Set<String> pushed = eventsById.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
			Set<String> listed = listedEvents(simulator, registered.toEpochMilli());
			assertThat(listed).hasSizeGreaterThan(30);
			assertThat(pushed).isEqualTo(listed);
			assertThat(deliveries).allSatisfy((d) -> assertThat(d.path()).isEqualTo("/callbacks/token-1"));
			// some twice, some in each documented form
			assertThat(deliveries.size()).isGreaterThan(eventsById.size());
			assertThat(deliveries).anyMatch(CallbackReceiverStub.Delivery::text)
				.anyMatch((d) -> !d.text());
			CallbackStats stats = simulator.callbackStats();
			assertThat(stats.acknowledged()).isEqualTo(eventsById.size());
			assertThat(stats.duplicates()).isEqualTo(deliveries.size() - eventsById.size());
			assertThat(stats.givenUp()).isZero();
		}
	}

	@Test
	void aSimulatorRestartedWithTheSameSeedPushesTheSameIds() throws Exception {
		// given
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT);
		Map<Long, String> first = pushedFor(properties, HALF_A_DAY);

		// when
		Map<Long, String> second = pushedFor(properties, HALF_A_DAY);
		Map<Long, String> otherSeed = pushedFor(properties.toBuilder().seed(properties.seed() + 1).build(), HALF_A_DAY);

		// then
		assertThat(first).isNotEmpty().isEqualTo(second);
		assertThat(otherSeed.keySet()).doesNotContainAnyElementsOf(first.keySet());
	}

	@Test
	void aChannelsOwnEndpointWinsOverTheDefaultAndWithNeitherNothingIsSent() throws Exception {
		// given
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0));
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			String own = simulator.dataset().channels().get(0).channelId();
			String other = simulator.dataset().channels().get(1).channelId();
			SignedRequests.post(simulator, ApiPath.CHANNEL_CALLBACK_ENDPOINT.path(own),
					"{\"callbackEndpoint\":\"" + receiver.url("/own") + "\"}");
			simulator.advance(Duration.ofHours(6));
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			int beforeDefault = receiver.acknowledged().size();

			// when
			registerDefault(simulator, receiver.url("/default"));
			simulator.advance(Duration.ofHours(6));
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();

			// then: only the channel with its own endpoint before the default; the rest to the default after
			List<CallbackReceiverStub.Delivery> deliveries = receiver.acknowledged();
			assertThat(beforeDefault).isPositive();
			assertThat(deliveries.subList(0, beforeDefault))
				.allSatisfy((d) -> assertThat(d.body().get("channelId").asString()).isEqualTo(own));
			assertThat(deliveries).allSatisfy((d) -> assertThat(d.path())
				.isEqualTo(d.body().get("channelId").asString().equals(own) ? "/own" : "/default"));
			assertThat(deliveries).anyMatch((d) -> d.body().get("channelId").asString().equals(other));
		}
	}

	@Test
	void retriesARefusedDeliveryWithBackoffAndGivesUpAfterItsLastAttempt() throws Exception {
		// given: the receiver refuses the first delivery of every event, then everything
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0)
			.withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20)));
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start().refusingEachIdOnce();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			registerDefault(simulator, receiver.url("/callbacks/t"));

			// when
			simulator.advance(Duration.ofHours(4));
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			CallbackStats flaky = simulator.callbackStats();
			receiver.answering((n) -> 500);
			simulator.advance(Duration.ofHours(4));
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			CallbackStats refused = simulator.callbackStats();

			// then
			assertThat(flaky.retries()).isEqualTo(flaky.events());
			assertThat(flaky.givenUp()).isZero();
			assertThat(flaky.acknowledged()).isEqualTo(flaky.events());
			assertThat(refused.acknowledged()).isEqualTo(flaky.acknowledged());
			long newEvents = refused.events() - flaky.events();
			assertThat(newEvents).isPositive();
			assertThat(refused.givenUp()).isEqualTo(newEvents);
			assertThat(refused.attempts() - flaky.attempts()).isEqualTo(3 * newEvents);
		}
	}

	@Test
	void aConnectionRefusedIsRetriedLikeARefusal() throws Exception {
		// given: an endpoint where nothing listens
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0)
			.withRetries(2, Duration.ofMillis(1), Duration.ofMillis(2)));
		URI nobody;
		try (CallbackReceiverStub gone = CallbackReceiverStub.start()) {
			nobody = gone.url("/callbacks/t");
		}
		try (LiveStationSimulator simulator = Simulators.start(properties)) {
			registerDefault(simulator, nobody);

			// when
			simulator.advance(Duration.ofHours(2));

			// then
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			CallbackStats stats = simulator.callbackStats();
			assertThat(stats.events()).isPositive();
			assertThat(stats.givenUp()).isEqualTo(stats.events());
			assertThat(stats.attempts()).isEqualTo(2 * stats.events());
		}
	}

	@Test
	void theDropFaultLosesItsShareOfEvents() throws Exception {
		// given
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0))
			.toBuilder()
			.faults(SimulatorProperties.Faults.NONE.withCallbackDropShare(0.3))
			.build();
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			Instant registered = simulator.now();
			registerDefault(simulator, receiver.url("/c/t"));

			// when
			simulator.advance(HALF_A_DAY);
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();

			// then
			CallbackStats stats = simulator.callbackStats();
			Set<String> listed = listedEvents(simulator, registered.toEpochMilli());
			Set<String> pushed = receiver.acknowledged().stream().map((d) -> key(d.body())).collect(Collectors.toSet());
			assertThat(stats.dropped()).isPositive();
			assertThat(stats.events()).isEqualTo(listed.size());
			assertThat(pushed).hasSize((int) (stats.events() - stats.dropped()));
			assertThat(listed).containsAll(pushed);
		}
	}

	@Test
	void inTimeOrderWithoutAWindowAndOutOfItWithOne() throws Exception {
		// given
		SimulatorProperties.Callbacks inOrder = SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0)
			.withReorderWindow(1);
		SimulatorProperties ordered = account(inOrder).toBuilder()
			.callbacks(new SimulatorProperties.Callbacks(0, 0.3, 1, 6, Duration.ofMillis(5), Duration.ofMillis(50),
					Duration.ofSeconds(5), 1, 1000, Duration.ofSeconds(1), null, 11))
			.build();
		SimulatorProperties shuffled = account(inOrder.withReorderWindow(8));

		// when
		List<Long> orderedTimes = arrivalTimes(ordered);
		List<Long> shuffledTimes = arrivalTimes(shuffled);

		// then
		assertThat(orderedTimes).isSorted();
		assertThat(shuffledTimes).isNotEqualTo(shuffledTimes.stream().sorted().toList())
			.containsExactlyInAnyOrderElementsOf(orderedTimes);
	}

	@Test
	void keepsTheIdOfEveryAcknowledgedEventInItsFileAndStopsItsThreadsWithTheSimulator(@TempDir Path dir)
			throws Exception {
		// given
		Path file = dir.resolve("acknowledged.txt");
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0.3)
			.withAcknowledgedFile(file));
		Set<Long> received;
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start().answering((n) -> (n % 5 == 0) ? 500 : 200);
				LiveStationSimulator simulator = Simulators.start(properties)) {
			registerDefault(simulator, receiver.url("/c/t"));

			// when
			simulator.advance(HALF_A_DAY);
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			received = receiver.acknowledged().stream().map(CallbackReceiverStub.Delivery::id)
				.collect(Collectors.toSet());
		}

		// then: one line per acknowledged id, and no sender thread outlives the simulator
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).doesNotHaveDuplicates();
		assertThat(lines.stream().map(Long::valueOf).collect(Collectors.toSet())).isEqualTo(received);
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((t) -> t.getName().startsWith("simulator-callbacks") && t.isAlive());
	}

	@Test
	void waitsForTheReceiverRatherThanHoldingEveryEventInMemory() throws Exception {
		// given: room for two events, a receiver that takes its time
		SimulatorProperties properties = account(SimulatorProperties.Callbacks.DEFAULT.withDuplicateShare(0)
			.withMaxPending(2));
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			registerDefault(simulator, receiver.url("/c/t"));

			// when
			simulator.advance(HALF_A_DAY);

			// then: everything arrives all the same
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			assertThat(simulator.callbackStats().acknowledged()).isEqualTo(simulator.callbackStats().events())
				.isEqualTo(receiver.acknowledged().size());
		}
	}

	private static SimulatorProperties account(SimulatorProperties.Callbacks callbacks) {
		return SimulatorProperties.of(5, 20)
			.toBuilder()
			.noOddities()
			.eventsPerDay(24)
			.callbacks(callbacks.withRetries(callbacks.maxAttempts(), Duration.ofMillis(5), Duration.ofMillis(50)))
			.build();
	}

	private static void registerDefault(LiveStationSimulator simulator, URI url) throws Exception {
		HttpResponse<String> response = SignedRequests.post(simulator, ApiPath.CALLBACK_ENDPOINT.path(),
				"{\"callbackUrl\":\"" + url + "\"}");
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private static Map<Long, String> pushedFor(SimulatorProperties properties, Duration after) throws Exception {
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			registerDefault(simulator, receiver.url("/c/t"));
			simulator.advance(after);
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			return receiver.acknowledged().stream()
				.collect(Collectors.toMap(CallbackReceiverStub.Delivery::id, (d) -> key(d.body()), (a, b) -> a));
		}
	}

	private static List<Long> arrivalTimes(SimulatorProperties properties) throws Exception {
		try (CallbackReceiverStub receiver = CallbackReceiverStub.start();
				LiveStationSimulator simulator = Simulators.start(properties)) {
			registerDefault(simulator, receiver.url("/c/t"));
			simulator.advance(HALF_A_DAY);
			assertThat(simulator.awaitCallbacks(WAIT)).isTrue();
			return receiver.acknowledged().stream().map(CallbackReceiverStub.Delivery::timestamp).toList();
		}
	}

	// the events of every channel that GET /api/v2/events shows, after {@code afterMillis}
	private static Set<String> listedEvents(LiveStationSimulator simulator, long afterMillis) throws Exception {
		HttpResponse<String> response = SignedRequests.get(simulator, ApiPath.EVENTS.path());
		assertThat(response.statusCode()).isEqualTo(200);
		Set<String> listed = new HashSet<>();
		for (JsonNode event : JsonMapper.builder().build().readTree(response.body()).get("content")) {
			if (event.get("timestamp").asLong() > afterMillis) {
				listed.add(event.get("channelId").asString() + " " + normalized(event.get("eventCode").asString()) + " "
						+ event.get("logLevel").asString() + " " + event.get("timestamp").asLong());
			}
		}
		return listed;
	}

	private static String key(JsonNode callback) {
		return callback.get("channelId").asString() + " " + normalized(callback.get("event").asString()) + " "
				+ callback.get("logLevel").asString() + " " + Long.parseLong(callback.get("timestamp").asString());
	}

	private static String normalized(String code) {
		return code.strip().toUpperCase(Locale.ROOT);
	}

}
