package dev.lsarchive.callback;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The callback receiver over real HTTP, on a real PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class CallbackReceiverIntegrationTests {

	private static final String TOKEN = "cb-test-token-5f2e9c1d7a";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<ConfigurableApplicationContext> receivers = new ArrayList<>();

	@BeforeEach
	void emptyDatabase() {
		TestDatabase.get().migrateTo("latest");
		TestDatabase.get().reset();
	}

	@AfterEach
	void stopReceivers() {
		this.receivers.forEach(ConfigurableApplicationContext::close);
	}

	private String start(String... settings) {
		return startOn(TestDatabase.get(), settings);
	}

	private String startOn(TestDatabase database, String... settings) {
		List<String> args = new ArrayList<>(database.applicationSettings());
		args.addAll(List.of("--archive.job=callback-receiver", "--archive.callback.token=" + TOKEN, "--server.port=0",
				"--management.server.port=0", "--archive.callback.heartbeat=200ms"));
		args.addAll(List.of(settings));
		ConfigurableApplicationContext context = CallbackReceiverApplication.start(args.toArray(String[]::new));
		this.receivers.add(context);
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static HttpResponse<String> post(String url, String body) throws Exception {
		return HTTP.send(request(url, body), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest request(String url, String body) {
		return HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static String event(long id) {
		return "{\"id\": " + id + ", \"logLevel\": \"INFO\", \"channelId\": \"ls-20260101-a\", \"event\": \"STREAM_UPDATE\", "
				+ "\"timestamp\": 1599218791425}";
	}

	private static List<Map<String, Object>> rows(String sql) throws SQLException {
		List<Map<String, Object>> rows = new ArrayList<>();
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				Map<String, Object> row = new java.util.LinkedHashMap<>();
				for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
					row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	@Test
	void acknowledgesACallbackOnlyOnceItsRowIsCommittedInEitherDocumentedForm() throws Exception {
		// given
		String base = start();

		// when
		HttpResponse<String> numbers = post(base + "/callbacks/" + TOKEN, event(1234));
		List<Map<String, Object>> afterFirst = rows("SELECT event_id FROM livestation.event_callback");
		HttpResponse<String> strings = post(base + "/callbacks/" + TOKEN, """
				{"id": "1235", "logLevel": "error", "channelId": "ls-20260101-a", "event": "publish_Start", "timestamp": "1599218791"}""");
		List<Map<String, Object>> afterSecond = rows(
				"SELECT event_id, event_code, log_level, timestamp_scaled, deliveries FROM livestation.event_callback WHERE event_id = 1235");

		// then
		assertThat(numbers.statusCode()).isEqualTo(204);
		assertThat(afterFirst).containsExactly(Map.of("event_id", 1234L));
		assertThat(strings.statusCode()).isEqualTo(204);
		assertThat(afterSecond).containsExactly(Map.of("event_id", 1235L, "event_code", "PUBLISH_START", "log_level",
				"ERROR", "timestamp_scaled", true, "deliveries", 1));
	}

	@Test
	void holdsTheConnectionsItUsesRatherThanAWholePool() throws Exception {
		// given: a receiver with one committer
		String base = start("--spring.datasource.hikari.data-source-properties.ApplicationName=receiver-pool-test");
		HikariDataSource pool = this.receivers.get(this.receivers.size() - 1).getBean(HikariDataSource.class);

		// when
		for (int i = 0; i < 20; i++) {
			assertThat(post(base + "/callbacks/" + TOKEN, event(500 + i)).statusCode()).isEqualTo(204);
		}

		// then: two connections kept open (the committer, the window), more only under load
		assertThat(pool.getMinimumIdle()).isEqualTo(2);
		assertThat(pool.getMaximumPoolSize()).isGreaterThan(2);
		assertThat(rows("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'receiver-pool-test'"))
			.extracting((row) -> (Long) row.get("n"))
			.allSatisfy((connections) -> assertThat(connections).isBetween(1L, 3L));
	}

	@Test
	void storesARepeatedIdOnceAndCountsItsDeliveries() throws Exception {
		// given
		String base = start();

		// when
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(post(base + "/callbacks/" + TOKEN, event(77)).statusCode());
		}

		// then
		assertThat(statuses).containsOnly(204);
		assertThat(rows("SELECT event_id, deliveries FROM livestation.event_callback"))
			.containsExactly(Map.of("event_id", 77L, "deliveries", 3));
	}

	@Test
	void refusesAMalformedBodyWithItsReasonAndKeepsItInQuarantineWithoutSecrets() throws Exception {
		// given
		String base = start();

		// when
		HttpResponse<String> response = post(base + "/callbacks/" + TOKEN,
				"{\"id\": \"abc\", \"channelId\": \"ls-1\", \"event\": \"X\", \"timestamp\": 1599218791425, \"streamKey\": \"sk-live-secret\"}");

		// then
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("id is not a whole number");
		List<Map<String, Object>> quarantined = rows(
				"SELECT resource, endpoint, job_execution_id, reason, payload FROM livestation.quarantine");
		assertThat(quarantined).hasSize(1);
		assertThat(quarantined.get(0)).containsEntry("resource", "callback")
			.containsEntry("endpoint", "POST /callbacks")
			.containsEntry("job_execution_id", null);
		assertThat((String) quarantined.get(0).get("reason")).contains("id is not a whole number");
		assertThat((String) quarantined.get(0).get("payload")).contains("\"abc\"").doesNotContain("sk-live-secret");
		assertThat(rows("SELECT * FROM livestation.event_callback")).isEmpty();
	}

	@Test
	void refusesABodyOverTheLimitWithoutStoringIt() throws Exception {
		// given
		String base = start("--archive.callback.max-body-size=1KB");

		// when
		HttpResponse<String> response = post(base + "/callbacks/" + TOKEN,
				"{\"id\": 1, \"pad\": \"" + "x".repeat(4096) + "\"}");

		// then
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(rows("SELECT * FROM livestation.event_callback")).isEmpty();
	}

	@Test
	void answersAWrongOrMissingToken404StoresNothingAndNeverPrintsAToken(CapturedOutput output) throws Exception {
		// given
		String base = start();

		// when
		HttpResponse<String> wrong = post(base + "/callbacks/not-the-token-8d1f", event(5));
		HttpResponse<String> missing = post(base + "/callbacks/", event(6));
		HttpResponse<String> none = post(base + "/callbacks", event(7));
		HttpResponse<String> right = post(base + "/callbacks/" + TOKEN, event(8));

		// then
		assertThat(Stream.of(wrong, missing, none).map(HttpResponse::statusCode)).containsOnly(404);
		assertThat(wrong.body()).doesNotContain("not-the-token-8d1f");
		assertThat(right.statusCode()).isEqualTo(204);
		assertThat(rows("SELECT event_id FROM livestation.event_callback")).containsExactly(Map.of("event_id", 8L));
		assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain("not-the-token-8d1f");
	}

	@Test
	void answers503WithRetryAfterWhenItsQueueIsFullAndAcknowledgesNothingItDidNotStore() throws Exception {
		// given: one callback in the committer's batch, one in the queue, the commit held by a lock
		String base = start("--archive.callback.queue-capacity=1", "--archive.callback.batch-size=1");
		try (Connection lock = TestDatabase.get().connect()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("LOCK TABLE livestation.callback_receiver_window IN ACCESS EXCLUSIVE MODE");
			}
			List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
			for (long id = 100; id < 105; id++) {
				sent.add(HTTP.sendAsync(request(base + "/callbacks/" + TOKEN, event(id)),
						HttpResponse.BodyHandlers.ofString()));
			}

			// when: at most two fit, so at least three are answered while the lock is held
			while (sent.stream().filter(CompletableFuture::isDone).count() < 3) {
				CompletableFuture.anyOf(sent.stream().filter((f) -> !f.isDone()).toArray(CompletableFuture[]::new)).join();
			}
			List<HttpResponse<String>> refused = sent.stream()
				.filter(CompletableFuture::isDone)
				.map(CompletableFuture::join)
				.toList();
			lock.rollback();
			List<HttpResponse<String>> all = sent.stream().map(CompletableFuture::join).toList();
			HttpResponse<String> after = post(base + "/callbacks/" + TOKEN, event(200));

			// then
			assertThat(refused).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			});
			List<Long> acknowledged = new ArrayList<>();
			for (int i = 0; i < all.size(); i++) {
				if (all.get(i).statusCode() == 204) {
					acknowledged.add(100L + i);
				}
			}
			List<Long> stored = rows("SELECT event_id FROM livestation.event_callback ORDER BY event_id").stream()
				.map((row) -> (Long) row.get("event_id"))
				.toList();
			assertThat(stored).containsAll(acknowledged);
			assertThat(acknowledged).isNotEmpty();
			// the refusals ended the first window; a commit after them opened another one
			assertThat(after.statusCode()).isEqualTo(204);
			assertThat((Long) rows("SELECT count(*) AS windows FROM livestation.callback_receiver_window").get(0)
				.get("windows")).isGreaterThanOrEqualTo(2L);
		}
	}

	@Test
	void extendsItsWindowAsItCommitsAndWhileIdle() throws Exception {
		// given
		String base = start();
		post(base + "/callbacks/" + TOKEN, event(1));
		String window = "SELECT callbacks, (extract(epoch FROM up_through) * 1000000)::bigint AS through"
				+ " FROM livestation.callback_receiver_window";
		Map<String, Object> first = rows(window).get(0);

		// when: the heartbeat extends it while idle
		long through = (Long) first.get("through");
		long later = through;
		while (later <= through) {
			Thread.onSpinWait();
			later = (Long) rows(window).get(0).get("through");
		}

		// then
		assertThat(first.get("callbacks")).isEqualTo(1L);
		assertThat(later).isGreaterThan(through);
		assertThat(rows("SELECT count(*) AS windows FROM livestation.callback_receiver_window"))
			.containsExactly(Map.of("windows", 1L));
	}

	@Test
	void aStopDuringTrafficAnswersWhatItAcceptedOnceStoredAndEndsItsWindowAtTheStop() throws Exception {
		// given: senders posting new ids one after the other
		String url = start() + "/callbacks/" + TOKEN;
		ConfigurableApplicationContext receiver = this.receivers.get(this.receivers.size() - 1);
		Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicLong next = new AtomicLong(1);
		AtomicBoolean sending = new AtomicBoolean(true);
		List<Thread> senders = new ArrayList<>();
		for (int s = 0; s < 8; s++) {
			Thread sender = new Thread(() -> {
				while (sending.get()) {
					long id = next.getAndIncrement();
					try {
						if (post(url, event(id)).statusCode() / 100 == 2) {
							acknowledged.add(id);
						}
					}
					catch (Exception stopped) {
						// refused once the receiver no longer listens: not acknowledged
					}
				}
			});
			senders.add(sender);
			sender.start();
		}
		while (acknowledged.size() < 300) {
			Thread.onSpinWait();
		}

		// when: it stops as SIGTERM stops it (Boot's shutdown hook closes the context), the senders still sending
		receiver.close();
		long stopped = nowMicros();
		sending.set(false);
		for (Thread sender : senders) {
			sender.join();
		}

		// then: every callback acknowledged is stored, nothing else, and its one window ends by the stop
		Set<Long> stored = new HashSet<>();
		rows("SELECT event_id FROM livestation.event_callback").forEach((row) -> stored.add((Long) row.get("event_id")));
		assertThat(stored).hasSizeGreaterThanOrEqualTo(300).isEqualTo(acknowledged);
		List<Map<String, Object>> windows = rows("SELECT callbacks, (extract(epoch FROM up_through) * 1000000)::bigint"
				+ " AS through FROM livestation.callback_receiver_window");
		assertThat(windows).hasSize(1);
		// a request refused while stopping ends the window at its arrival: what is committed after it is not claimed
		assertThat((Long) windows.get(0).get("callbacks")).isBetween(300L, (long) acknowledged.size());
		// it reaches no further than the stop (nor than a request still unanswered then)
		assertThat((Long) windows.get(0).get("through")).isLessThanOrEqualTo(stopped);
	}

	private static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

	@Test
	void sendersThatStallMidBodyOrGuessTokensNeitherHoldItsThreadsNorStoreAnything() throws Exception {
		// given: more senders stalled in the middle of their body than the receiver has threads (64)
		String base = start();
		int port = URI.create(base).getPort();
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				Socket socket = new Socket("127.0.0.1", port);
				OutputStream out = socket.getOutputStream();
				out.write(("POST /callbacks/" + TOKEN + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 400\r\n\r\n" + event(5000 + i).substring(0, 20)).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				stalled.add(socket);
			}

			// when: a flood of guessed tokens, then one callback as Live Station sends it
			List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
			for (long id = 1; id <= 500; id++) {
				guesses.add(HTTP.sendAsync(request(base + "/callbacks/guess-" + id + "-xxxxxxxxxxxx", event(id)),
						HttpResponse.BodyHandlers.ofString()));
			}
			List<Integer> guessed = guesses.stream().map((f) -> f.join().statusCode()).toList();
			// a thread held per stalled body would keep it waiting for Tomcat's 5 s read timeout
			HttpResponse<String> honest = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/callbacks/" + TOKEN))
				.timeout(Duration.ofSeconds(4))
				.POST(HttpRequest.BodyPublishers.ofString(event(42)))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());

			// then: the honest one is answered and stored, nothing else is
			assertThat(guessed).hasSize(500).containsOnly(404);
			assertThat(honest.statusCode()).isEqualTo(204);
			assertThat(rows("SELECT event_id FROM livestation.event_callback")).containsExactly(Map.of("event_id", 42L));
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	@Test
	void servesItsProbesAndMetricsOnTheManagementPortAndNoneOfThemOnThePublicOne() throws Exception {
		// given
		String base = start();
		String management = "http://127.0.0.1:"
				+ this.receivers.get(this.receivers.size() - 1).getEnvironment().getProperty("local.management.port");
		post(base + "/callbacks/" + TOKEN, event(9));

		// when
		HttpResponse<String> readiness = get(management + "/actuator/health/readiness");
		HttpResponse<String> liveness = get(management + "/actuator/health/liveness");
		HttpResponse<String> metrics = get(management + "/actuator/prometheus");
		HttpResponse<String> publicHealth = get(base + "/actuator/health");

		// then
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("livestation_callbacks_received");
		assertThat(publicHealth.statusCode()).isEqualTo(404);
	}

	@Test
	void isNotReadyWhileItsDatabaseCannotStoreAndReadyAgainOnceItCanWithoutARestart() throws Exception {
		// given: a receiver on a database of its own, ready
		TestDatabase own = TestDatabase.get().createEmpty();
		try {
			String base = startOn(own, "--spring.datasource.hikari.connection-timeout=500");
			String readiness = "http://127.0.0.1:" + this.receivers.get(this.receivers.size() - 1).getEnvironment()
				.getProperty("local.management.port") + "/actuator/health/readiness";
			int before = get(readiness).statusCode();

			// when: the database goes away, then comes back
			own.acceptConnections(false);
			int whileAway = post(base + "/callbacks/" + TOKEN, event(31)).statusCode();
			int readinessWhileAway = awaitStatus(readiness, 503);
			own.acceptConnections(true);
			int readinessBack = awaitStatus(readiness, 200);
			int back = post(base + "/callbacks/" + TOKEN, event(32)).statusCode();

			// then
			assertThat(before).isEqualTo(200);
			assertThat(whileAway).isEqualTo(503);
			assertThat(readinessWhileAway).isEqualTo(503);
			assertThat(readinessBack).isEqualTo(200);
			assertThat(back).isEqualTo(204);
		}
		finally {
			own.acceptConnections(true);
			this.receivers.forEach(ConfigurableApplicationContext::close);
			this.receivers.clear();
			TestDatabase.get().drop(own);
		}
	}

	// the status the URL answers once it answers the one awaited, or the last one within 30 s
	private static int awaitStatus(String url, int awaited) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int status = get(url).statusCode();
		while (status != awaited && System.nanoTime() < deadline) {
			// polled, not timed: the probe changes when the receiver's next commit or heartbeat says so
			Thread.sleep(50);
			status = get(url).statusCode();
		}
		return status;
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "server.port", "management.server.port" })
	void refusesToStartOnAPortInUseInOneLineWithTheTransientExitCode(String portSetting) throws Exception {
		// given: the public or the management port taken by another listener
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			String other = portSetting.equals("server.port") ? "management.server.port" : "server.port";

			// when
			PackagedJar.Result result = PackagedJar.run("--archive.job=callback-receiver",
					"--archive.callback.token=" + "t".repeat(32), "--server.address=127.0.0.1",
					"--management.server.address=127.0.0.1", "--" + portSetting + "=" + taken.getLocalPort(),
					"--" + other + "=0");

			// then
			assertThat(result.exitCode()).isEqualTo(75);
			assertThat(result.output()).contains("livestation-archive: port " + taken.getLocalPort()
					+ " is in use: stop what listens there");
			assertThat(result.output()).doesNotContain("Exception")
				.doesNotContain("APPLICATION FAILED TO START")
				.doesNotContain("Callback receiver: 0 received");
			assertThat(dev.lsarchive.support.ArchiveTables.count("SELECT count(*) FROM livestation.callback_receiver_window"))
				.as("a receiver that never listened claims no window").isZero();
		}
	}

	@Test
	void refusesToStartWithoutATokenInOneLine() throws Exception {
		// when
		PackagedJar.Result result = PackagedJar.run("--archive.job=callback-receiver");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains(
				"archive.callback.token is not set: set the environment variable ARCHIVE_CALLBACK_TOKEN (a secret: not on the"
						+ " command line, where every user of the host sees it)");
		assertThat(result.output()).doesNotContain("Exception").doesNotContain("livestation.api.access-key");
	}

}
