package dev.lsarchive.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * The benchmark of the callback receiver ({@code --bench.scenario=callbacks}): a receiver started as a
 * process of its own on a database of its own, flooded by concurrent senders (JDK HttpClient, one request
 * in flight each; a share of the callbacks repeats an id sent before; a 503 is delivered again after its
 * Retry-After), then every acknowledged id looked up in the table. Last line:
 * {@code BENCH_CALLBACKS rate=… p50_ms=… p99_ms=… acknowledged=… stored=… lost=… duplicates_stored=… retried_503=…
 * load1_before=… load1_after=… receiver=…} (the machine's one-minute load average when the flood started and
 * ended; {@code bench.receiver-settings} given to the receiver, or {@code defaults}).
 */
class CallbacksBench implements ApplicationRunner {

	private final BenchProperties bench;

	private final Environment environment;

	CallbacksBench(BenchProperties bench, Environment environment) {
		this.bench = bench;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		BenchDatabase database = BenchDatabase.create(this.environment);
		String token = UUID.randomUUID().toString();
		int port = freePort();
		int managementPort = freePort();
		File log = File.createTempFile("callback-receiver-bench", ".log");
		List<String> command = new ArrayList<>(javaCommand());
		command.addAll(List.of("--archive.job=callback-receiver", "--archive.callback.token=" + token,
				"--server.port=" + port, "--management.server.port=" + managementPort));
		command.addAll(database.settings());
		// given after the bench's own, so that they win over them
		this.bench.receiverSettings().forEach((setting) -> command.add("--" + setting));
		String settings = this.bench.receiverSettings().isEmpty() ? "defaults"
				: String.join(";", this.bench.receiverSettings());
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		System.out.printf("Benchmark of the callback receiver: %,d callbacks from %d senders (%.0f%% repeated ids),"
				+ " receiver on port %d writing into database %s (its log: %s)%n", this.bench.callbacks(),
				this.bench.callbackSenders(), this.bench.callbackDuplicateShare() * 100, port, database.name(), log);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
		builder.environment().remove("ARCHIVE_CALLBACK_TOKEN");
		Process receiver = builder.start();
		try {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			awaitReady(http, managementPort, receiver);
			URI target = URI.create("http://127.0.0.1:" + port + "/callbacks/" + token);
			// a warm-up of the same kind, ids apart, so that the measured flood runs compiled code
			flood(http, target, Math.min(20_000, this.bench.callbacks()), 1_000_000_000L);
			Flood measured = flood(http, target, this.bench.callbacks(), 0);
			receiver.destroy();
			receiver.waitFor(2, TimeUnit.MINUTES);
			long[] counts = count(database, measured);
			long[] sorted = measured.latencies.clone();
			Arrays.sort(sorted);
			double rate = measured.acknowledged.get() / (measured.nanos / 1e9);
			// the machine's load beside the figure: a shared machine's rate says little without it
			System.out.printf(Locale.ROOT,
					"BENCH_CALLBACKS rate=%.0f p50_ms=%.2f p99_ms=%.2f acknowledged=%d stored=%d lost=%d"
							+ " duplicates_stored=%d retried_503=%d load1_before=%.2f load1_after=%.2f receiver=%s%n",
					rate, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, measured.acknowledged.get(),
					counts[0], counts[1], counts[2], measured.retried.get(), loadBefore,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), settings);
		}
		finally {
			if (receiver.isAlive()) {
				receiver.destroyForcibly();
			}
			if (!this.bench.keepDatabase()) {
				database.drop();
			}
		}
	}

	/** What one flood sent and saw. */
	private static final class Flood {

		final long[] latencies;

		final BitSet acknowledgedIds = new BitSet();

		final AtomicInteger acknowledged = new AtomicInteger();

		final AtomicInteger retried = new AtomicInteger();

		long nanos;

		Flood(int callbacks) {
			this.latencies = new long[callbacks];
		}

	}

	private Flood flood(HttpClient http, URI target, int callbacks, long idBase) throws InterruptedException {
		Flood flood = new Flood(callbacks);
		AtomicInteger next = new AtomicInteger();
		int repeatEvery = (this.bench.callbackDuplicateShare() > 0)
				? (int) Math.round(1 / this.bench.callbackDuplicateShare()) : Integer.MAX_VALUE;
		List<Thread> senders = new ArrayList<>();
		long start = System.nanoTime();
		for (int s = 0; s < this.bench.callbackSenders(); s++) {
			Thread sender = new Thread(() -> {
				int i;
				while ((i = next.getAndIncrement()) < callbacks) {
					// every repeatEvery-th callback delivers again the id of one sent a little earlier (itself never a
					// repeat), as an at-least-once sender does
					int id = (i >= repeatEvery && i % repeatEvery == 0) ? i - repeatEvery / 2 - 1 : i;
					String body = "{\"id\": " + (idBase + id) + ", \"logLevel\": \"INFO\", \"channelId\": \"ls-bench-"
							+ (id % 200) + "\", \"event\": \"STREAM_UPDATE\", \"timestamp\": "
							+ (1_700_000_000_000L + id) + "}";
					HttpRequest request = HttpRequest.newBuilder(target)
						.timeout(Duration.ofSeconds(30))
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build();
					long sent = System.nanoTime();
					while (true) {
						int status;
						try {
							status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						}
						catch (Exception ex) {
							status = -1;
						}
						if (status / 100 == 2) {
							flood.latencies[i] = System.nanoTime() - sent;
							flood.acknowledged.incrementAndGet();
							synchronized (flood.acknowledgedIds) {
								flood.acknowledgedIds.set(id);
							}
							break;
						}
						flood.retried.incrementAndGet();
						try {
							Thread.sleep(100);
						}
						catch (InterruptedException ex) {
							return;
						}
						sent = System.nanoTime();
					}
				}
			}, "callback-sender-" + s);
			senders.add(sender);
			sender.start();
		}
		for (Thread sender : senders) {
			sender.join();
		}
		flood.nanos = System.nanoTime() - start;
		return flood;
	}

	// stored rows of the measured flood, acknowledged ids missing from them, ids stored more than once
	private static long[] count(BenchDatabase database, Flood flood) throws Exception {
		BitSet stored = new BitSet();
		long rows = 0;
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT event_id FROM livestation.event_callback WHERE event_id < 1000000000")) {
			while (result.next()) {
				stored.set((int) result.getLong(1));
				rows++;
			}
		}
		BitSet lost = (BitSet) flood.acknowledgedIds.clone();
		lost.andNot(stored);
		return new long[] { rows, lost.cardinality(), rows - stored.cardinality() };
	}

	private static void awaitReady(HttpClient http, int managementPort, Process receiver) throws Exception {
		URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!receiver.isAlive()) {
				throw new IllegalStateException("the callback receiver ended with exit code " + receiver.exitValue());
			}
			try {
				if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (java.io.IOException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the callback receiver was not ready within 3 minutes");
	}

	private static double percentile(long[] sorted, double share) {
		return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)];
	}

	private static int freePort() throws java.io.IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	// this very program, as it was started: the packaged jar, or the class path of a build
	private static List<String> javaCommand() {
		String java = ProcessHandle.current().info().command().orElse("java");
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return List.of(java, "-Xmx512m", "-jar", classPath);
		}
		return List.of(java, "-Xmx512m", "-cp", classPath, "dev.lsarchive.ArchiveApplication");
	}

}
