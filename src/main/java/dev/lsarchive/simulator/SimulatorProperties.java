package dev.lsarchive.simulator;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated Live Station gateway: its keys, its data and the faults it injects.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param accessKey the only access key the simulator accepts
 * @param secretKey the secret key it verifies signatures with
 * @param allowedSkew largest difference between a request's timestamp and the simulator's clock
 * @param seed seed of the generated data; the same seed gives the same channels and events
 * @param channels number of channels
 * @param eventsPerChannel number of events of every channel
 * @param snapshotShare share of channels whose listing carries a snapshot id (0..1)
 * @param latency added to every response (0: none)
 * @param threads threads serving requests
 * @param legacyStatusShare share of PUBLISHING channels reported as the legacy {@code PUBLISH}
 * @param mixedCaseShare share of events whose code arrives in mixed case ({@code PUBLISH_Start})
 * @param missingChannelIdShare share of events without their own {@code channelId} (older responses)
 * @param secondsTimestampShare share of events whose timestamp arrives in seconds instead of milliseconds
 * @param badEventShare share of events with an unusable timestamp (they must land in quarantine)
 * @param errorCodeAsNumber send gateway error codes as numbers and Live Station codes as strings
 * @param faults injected faults
 * @param eventsPerDay events a channel brings per simulated day after its generated history (0: as many as in its history)
 * @param retention how long the API shows an event (0: for ever); as of the simulator's clock
 * @param maxEventsPerList the most events one event list shows, the newest (0: no cap)
 * @param newChannelsPerDay channels created per simulated day after the history
 * @param recordingsKept how long the records list shows a recording after it ended (Live Station drops its copy then)
 * @param neverPublishingShare share of the channels not publishing now that never published: created and configured,
 * never on air (0..1)
 * @param extraFields fields the simulator adds to every record it serves, as Live Station adds new ones: a name
 * ({@code futureFlag}) is a field of the record, a dotted name ({@code cdn.edgeRegion}) a field inside an object,
 * created when the record has none; none by default, and every answer is then as without the setting
 * @param anchor the instant the generated history ends at (default: the start of the current UTC day): a simulator
 * restarted later with the same seed and anchor serves the same channels and events
 * @param callbacks how the simulator pushes events to the registered callback endpoints
 */
@Validated
@ConfigurationProperties("simulator")
public record SimulatorProperties(
		@Min(0) @Max(65535) @DefaultValue("0") int port,
		@NotBlank @DefaultValue("simulator-access-key") String accessKey,
		@NotBlank @DefaultValue("simulator-secret-key-not-a-real-one") String secretKey,
		@NotNull @DefaultValue("5m") Duration allowedSkew,
		@DefaultValue("20260101") long seed,
		@Min(0) @Max(1_000_000) @DefaultValue("20") int channels,
		@Min(0) @Max(100_000_000) @DefaultValue("200") int eventsPerChannel,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double snapshotShare,
		@NotNull @DefaultValue("0ms") Duration latency,
		@Min(1) @Max(512) @DefaultValue("16") int threads,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.3") double legacyStatusShare,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.05") double mixedCaseShare,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.2") double missingChannelIdShare,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double secondsTimestampShare,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double badEventShare,
		@DefaultValue("false") boolean errorCodeAsNumber,
		@Valid @NotNull @DefaultValue Faults faults,
		@DecimalMin("0") @DecimalMax("10000") @DefaultValue("0") double eventsPerDay,
		@NotNull @DefaultValue("0s") Duration retention,
		@Min(0) @DefaultValue("0") int maxEventsPerList,
		@Min(0) @Max(1000) @DefaultValue("0") int newChannelsPerDay,
		@NotNull @DefaultValue("120d") Duration recordingsKept,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.15") double neverPublishingShare,
		@NotNull @DefaultValue List<@Pattern(regexp = ExtraFields.NAME,
				message = "must be field names such as futureFlag or cdn.edgeRegion") String> extraFields,
		@Nullable Instant anchor,
		@Valid @NotNull @DefaultValue Callbacks callbacks) {

	public SimulatorProperties {
		if (extraFields != null) {
			List<String> problems = ExtraFields.problems(extraFields);
			if (!problems.isEmpty()) {
				// one line per problem: every problem of a start is told at once
				throw new IllegalArgumentException(String.join("\n", problems));
			}
			extraFields = List.copyOf(extraFields);
		}
	}

	/** A small, fault-free data set with the given size: the starting point of tests and benchmarks. */
	public static SimulatorProperties of(int channels, int eventsPerChannel) {
		return new SimulatorProperties(0, "simulator-access-key", "simulator-secret-key-not-a-real-one",
				Duration.ofMinutes(5), 20260101L, channels, eventsPerChannel, 0.5, Duration.ZERO, 16, 0.3, 0.05, 0.2,
				0, 0, false, Faults.NONE, 0, Duration.ZERO, 0, 0, Duration.ofDays(120), 0, List.of(), null,
				Callbacks.DEFAULT);
	}

	/** A builder starting from these settings. */
	public SimulatorPropertiesBuilder toBuilder() {
		return new SimulatorPropertiesBuilder(this);
	}

	/** The same data with other keys. */
	public SimulatorProperties withKeys(String accessKey, String secretKey) {
		return toBuilder().accessKey(accessKey).secretKey(secretKey).build();
	}

	/** The same data with other record-level oddities. */
	public SimulatorProperties withOddities(double secondsTimestampShare, double badEventShare) {
		return toBuilder().secondsTimestampShare(secondsTimestampShare).badEventShare(badEventShare).build();
	}

	/** The same data served with other faults and latency. */
	public SimulatorProperties withFaults(Faults faults, Duration latency) {
		return toBuilder().faults(faults).latency(latency).build();
	}

	// the secret key is left out on purpose, and no record's default form reaches a log line
	@Override
	public String toString() {
		return "simulator on port " + this.port + " (access key " + this.accessKey + ", seed " + this.seed + ", "
				+ this.channels + " channels x " + this.eventsPerChannel + " events, faults: " + this.faults.describe()
				+ ")";
	}

	/**
	 * How the simulator pushes each event to the callback endpoint registered for its channel, as a real
	 * sender would: every event at least once, some twice, a little out of order, retried with backoff.
	 *
	 * @param duplicateShare share of events delivered a second time after they were acknowledged (0..1)
	 * @param textShare share of bodies in the older documented form: every field a string, {@code "id": "1234"}
	 * @param reorderWindow events the sender holds and sends in random order (1: in time order)
	 * @param maxAttempts attempts per delivery on a non-2xx answer or a connection failure, then it gives up
	 * @param initialBackoff wait before the second attempt, doubled for each attempt after it
	 * @param maxBackoff longest wait between two attempts
	 * @param timeout longest wait for the endpoint to connect and to answer one delivery
	 * @param threads deliveries in flight at once
	 * @param maxPending events taken from the clock and not yet delivered, at most (the rest wait on the clock)
	 * @param pollInterval how often the sender looks at the account's clock for new events (a test that sets the
	 * clock wakes it at once)
	 * @param acknowledgedFile where to append the id of every event an endpoint acknowledged (2xx), one line each
	 * (none when empty)
	 * @param seed seed of the sender's draws (duplicates, forms, order)
	 */
	public record Callbacks(@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.05") double duplicateShare,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.3") double textShare,
			@Min(1) @Max(1000) @DefaultValue("4") int reorderWindow,
			@Min(1) @Max(100) @DefaultValue("6") int maxAttempts,
			@NotNull @DefaultValue("500ms") Duration initialBackoff, @NotNull @DefaultValue("30s") Duration maxBackoff,
			@NotNull @DefaultValue("5s") Duration timeout, @Min(1) @Max(32) @DefaultValue("2") int threads,
			@Min(1) @Max(100_000) @DefaultValue("1000") int maxPending,
			@NotNull @DefaultValue("1s") Duration pollInterval, @Nullable Path acknowledgedFile,
			@DefaultValue("11") long seed) {

		/** The defaults. */
		public static final Callbacks DEFAULT = new Callbacks(0.05, 0.3, 4, 6, Duration.ofMillis(500),
				Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 1000, Duration.ofSeconds(1), null, 11);

		/** These settings, with this share of events delivered twice. */
		public Callbacks withDuplicateShare(double duplicateShare) {
			return new Callbacks(duplicateShare, this.textShare, this.reorderWindow, this.maxAttempts,
					this.initialBackoff, this.maxBackoff, this.timeout, this.threads, this.maxPending, this.pollInterval,
					this.acknowledgedFile, this.seed);
		}

		/** These settings, with this share of bodies in the all-strings form. */
		public Callbacks withTextShare(double textShare) {
			return new Callbacks(this.duplicateShare, textShare, this.reorderWindow, this.maxAttempts,
					this.initialBackoff, this.maxBackoff, this.timeout, this.threads, this.maxPending, this.pollInterval,
					this.acknowledgedFile, this.seed);
		}

		/** These settings, with this reordering window. */
		public Callbacks withReorderWindow(int reorderWindow) {
			return new Callbacks(this.duplicateShare, this.textShare, reorderWindow, this.maxAttempts,
					this.initialBackoff, this.maxBackoff, this.timeout, this.threads, this.maxPending, this.pollInterval,
					this.acknowledgedFile, this.seed);
		}

		/** These settings, with this many attempts per delivery and this first backoff. */
		public Callbacks withRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
			return new Callbacks(this.duplicateShare, this.textShare, this.reorderWindow, maxAttempts, initialBackoff,
					maxBackoff, this.timeout, this.threads, this.maxPending, this.pollInterval, this.acknowledgedFile,
					this.seed);
		}

		/** These settings, with at most this many events pending. */
		public Callbacks withMaxPending(int maxPending) {
			return new Callbacks(this.duplicateShare, this.textShare, this.reorderWindow, this.maxAttempts,
					this.initialBackoff, this.maxBackoff, this.timeout, this.threads, maxPending, this.pollInterval,
					this.acknowledgedFile, this.seed);
		}

		/** These settings, with acknowledged ids appended to this file. */
		public Callbacks withAcknowledgedFile(@Nullable Path acknowledgedFile) {
			return new Callbacks(this.duplicateShare, this.textShare, this.reorderWindow, this.maxAttempts,
					this.initialBackoff, this.maxBackoff, this.timeout, this.threads, this.maxPending, this.pollInterval,
					acknowledgedFile, this.seed);
		}

	}

	/**
	 * Faults injected into API responses (shares are per request, 0..1).
	 *
	 * @param throttleShare share answered 429
	 * @param retryAfterShare share of those 429s that carry {@code Retry-After: 1}
	 * @param serverErrorShare share answered 500, 503 or 504
	 * @param truncateShare share whose body is cut off mid-way
	 * @param malformedShare share whose body is malformed JSON
	 * @param slowShare share answered only after {@code slowDelay}
	 * @param slowDelay delay of the slow responses
	 * @param driftInserts channels created while a listing is being paged (one per page request after the first)
	 * @param failingChannels channels whose event list always fails with 500
	 * @param seed seed of the fault draws
	 */
	public record Faults(@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double throttleShare,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double retryAfterShare,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double serverErrorShare,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double truncateShare,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double malformedShare,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double slowShare,
			@NotNull @DefaultValue("2s") Duration slowDelay, @Min(0) @DefaultValue("0") int driftInserts,
			@NotNull @DefaultValue List<String> failingChannels,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double callbackDropShare, @DefaultValue("7") long seed) {

		/** No faults at all; faults are set one at a time from here, e.g. {@code NONE.withThrottleShare(0.1)}. */
		public static final Faults NONE = new Faults(0, 0.5, 0, 0, 0, 0, Duration.ofSeconds(2), 0, List.of(), 0, 7);

		/** Only the event lists of these channels fail, always (HTTP 500). */
		public static Faults failingChannels(String... channelIds) {
			return NONE.withFailingChannels(List.of(channelIds));
		}

		/** These faults, with this share of requests answered 429. */
		public Faults withThrottleShare(double throttleShare) {
			return new Faults(throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this share of the 429s carrying {@code Retry-After: 1}. */
		public Faults withRetryAfterShare(double retryAfterShare) {
			return new Faults(this.throttleShare, retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this share of requests answered 500, 503 or 504. */
		public Faults withServerErrorShare(double serverErrorShare) {
			return new Faults(this.throttleShare, this.retryAfterShare, serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this share of bodies cut off mid-way. */
		public Faults withTruncateShare(double truncateShare) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this share of requests answered malformed JSON. */
		public Faults withMalformedShare(double malformedShare) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this share of requests answered only after the slow delay. */
		public Faults withSlowShare(double slowShare) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with slow answers this slow. */
		public Faults withSlowDelay(Duration slowDelay) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this many channels created while a listing is paged. */
		public Faults withDriftInserts(int driftInserts) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, driftInserts, this.failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with the event lists of these channels always failing. */
		public Faults withFailingChannels(List<String> failingChannels) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, failingChannels,
					this.callbackDropShare, this.seed);
		}

		/** These faults, with this share of events whose callback is never sent. */
		public Faults withCallbackDropShare(double callbackDropShare) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					callbackDropShare, this.seed);
		}

		/** These faults, drawn from this seed. */
		public Faults withSeed(long seed) {
			return new Faults(this.throttleShare, this.retryAfterShare, this.serverErrorShare, this.truncateShare,
					this.malformedShare, this.slowShare, this.slowDelay, this.driftInserts, this.failingChannels,
					this.callbackDropShare, seed);
		}

		boolean any() {
			return this.throttleShare > 0 || this.serverErrorShare > 0 || this.truncateShare > 0
					|| this.malformedShare > 0 || this.slowShare > 0;
		}

		/** The faults in a few words, e.g. {@code 429 on 10% of requests (50% with Retry-After), seed 7}; {@code none}. */
		public String describe() {
			List<String> faults = new ArrayList<>();
			if (this.throttleShare > 0) {
				faults.add(percent(this.throttleShare) + " of requests answered 429" + ((this.retryAfterShare > 0)
						? " (" + percent(this.retryAfterShare) + " of them with Retry-After)" : ""));
			}
			if (this.serverErrorShare > 0) {
				faults.add(percent(this.serverErrorShare) + " answered 500, 503 or 504");
			}
			if (this.truncateShare > 0) {
				faults.add(percent(this.truncateShare) + " cut off mid-body");
			}
			if (this.malformedShare > 0) {
				faults.add(percent(this.malformedShare) + " malformed JSON");
			}
			if (this.slowShare > 0) {
				faults.add(percent(this.slowShare) + " answered after " + this.slowDelay.toMillis() + " ms");
			}
			if (any()) {
				faults.add("seed " + this.seed);
			}
			if (this.driftInserts > 0) {
				faults.add("channels created while a listing is paged: " + this.driftInserts);
			}
			if (!this.failingChannels.isEmpty()) {
				faults.add("channels whose event list always fails: " + this.failingChannels.size());
			}
			if (this.callbackDropShare > 0) {
				faults.add(percent(this.callbackDropShare) + " of callbacks never sent");
			}
			return faults.isEmpty() ? "none" : String.join(", ", faults);
		}

		@Override
		public String toString() {
			return describe();
		}

		private static String percent(double share) {
			return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
		}

	}

}
