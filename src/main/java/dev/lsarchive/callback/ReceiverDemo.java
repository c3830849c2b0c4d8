package dev.lsarchive.callback;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.CallbackStats;
import dev.lsarchive.simulator.LiveStationSimulator;

/**
 * Once the receiver serves: registers its own loopback URL with the in-process simulator through the
 * signed registration call of {@code register-callback}, then runs the simulator's clock over the last
 * {@link #REPLAYED} of its account within two thirds of {@code archive.callback.stop-after} (30 s without
 * it), each event pushed as the clock passes it. The clock ends where the nightly demo's stands, an hour
 * after the account's history, so that the nightly demo of the same day lists every event pushed, with
 * the same channel, code, level and instant. When the receiver stops, first the simulator stops its clock
 * and finishes the deliveries under way while the receiver still accepts them, so that every event it
 * was told was stored is stored, and the other way round.
 */
final class ReceiverDemo implements ApplicationRunner, ApplicationListener<ContextClosedEvent>, Ordered {

	/** How much of the account's time the demo replays, ending where the nightly demo's clock stands. */
	static final Duration REPLAYED = Duration.ofDays(2);

	private static final Duration WITHOUT_STOP = Duration.ofSeconds(30);

	// the longest the stop waits for the deliveries under way (a retried one waits its backoff)
	private static final Duration DRAIN = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(ReceiverDemo.class);

	private final LiveStationSimulator simulator;

	private final LiveStationProperties api;

	private final CallbackProperties properties;

	private final Environment environment;

	private final Clock clock;

	private final PrintStream out;

	private final Instant replayedThrough;

	private final AtomicBoolean stopped = new AtomicBoolean();

	ReceiverDemo(LiveStationSimulator simulator, LiveStationProperties api, CallbackProperties properties,
			Environment environment, Clock clock, PrintStream out) {
		this.simulator = simulator;
		this.api = api;
		this.properties = properties;
		this.environment = environment;
		this.clock = clock;
		this.out = out;
		this.replayedThrough = simulator.dataset().liveFrom();
	}

	@Override
	public void run(ApplicationArguments args) {
		log.info("Demo: receiving the built-in simulator's callbacks into {} as user {} (set ARCHIVE_JDBC_URL to"
				+ " receive elsewhere)", this.environment.getProperty("spring.datasource.url", "").replaceFirst("\\?.*", ""),
				this.environment.getProperty("spring.datasource.username", ""));
		String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/callbacks/"
				+ this.properties.token();
		LiveStationProperties simulated = this.api.withEndpoint(this.simulator.baseUrl(), this.simulator.accessKey(),
				this.simulator.secretKey());
		int exitCode;
		try (LiveStationClient client = new LiveStationClient(simulated, new ApiCallStats(), this.clock)) {
			exitCode = new CallbackRegistration(client, this.out, System.err)
				.register(url, null, this.properties.token());
		}
		if (exitCode != ExitCodes.COMPLETED) {
			throw new IllegalStateException("the demo could not register its receiver with the built-in simulator");
		}
		Duration over = (this.properties.stopAfter() != null)
				? this.properties.stopAfter().multipliedBy(2).dividedBy(3) : WITHOUT_STOP;
		this.out.printf("Demo: the simulator replays the last %d days of its account, through %s, within %d s: each"
				+ " event is pushed to this receiver as the clock passes it%n", REPLAYED.toDays(), this.replayedThrough,
				Math.max(1, over.toSeconds()));
		this.simulator.runClockTo(this.replayedThrough, over);
	}

	// before the receiver stops accepting (GroupCommitter listens to the same event, after this)
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (!this.stopped.compareAndSet(false, true)) {
			return;
		}
		CallbackStats stats;
		try {
			stats = this.simulator.stopCallbacks(DRAIN);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.out.printf("Demo: the simulator pushed %d events through %s (%d delivered twice, %d retried, %d given up);"
				+ " the nightly demo lists them: java -jar target/livestation-archive.jar --spring.profiles.active=demo%n",
				stats.acknowledged(), this.simulator.now(), stats.duplicates(), stats.retries(), stats.givenUp());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
