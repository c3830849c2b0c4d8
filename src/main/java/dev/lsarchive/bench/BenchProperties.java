package dev.lsarchive.bench;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The benchmark: data size, API latency, concurrency.
 *
 * @param channels channels of the simulated account
 * @param eventsPerChannel events of every channel
 * @param latency simulated API latency per response
 * @param eventThreads {@code archive.event-threads} of the measured runs
 * @param eventPartitions {@code archive.event-partitions} of the measured runs
 * @param requestsPerSecond {@code livestation.api.requests-per-second} of the measured runs
 * @param keepDatabase keep the benchmark database afterwards (for EXPLAIN and profiling)
 * @param snapshotShare share of channels whose listing carries a snapshot id
 * @param warmUpEvents events archived (first load and re-run) in a scratch database before the measured runs, so
 * that they measure the job rather than the JVM compiling it (0: measure a cold JVM)
 * @param scenario {@code load}: a first load and a re-run against COPY; {@code nights}: a sequence of nights on an
 * empty archive and on a big one; {@code callbacks}: a flood of callbacks against a callback receiver
 * @param nights nights of the {@code nights} scenario
 * @param nightsChannels channels of the account the nights archive
 * @param nightsEventsPerDay new events per channel per simulated day in the {@code nights} scenario
 * @param nightsRetention how long the simulated API shows an event in the {@code nights} scenario
 * @param prefillEvents events of older history the big archive of the {@code nights} scenario holds before its nights
 * @param callbacks callbacks the {@code callbacks} scenario sends to a callback receiver
 * @param callbackSenders senders of the {@code callbacks} scenario, each with one request in flight at a time
 * @param callbackDuplicateShare share of the {@code callbacks} scenario's callbacks that deliver an id sent before again
 * @param receiverSettings settings the {@code callbacks} scenario gives its receiver, each {@code name=value}
 * ({@code archive.callback.committers=2,archive.callback.batch-size=200}); none by default (the receiver's defaults)
 */
@Validated
@ConfigurationProperties("bench")
public record BenchProperties(
		@Min(1) @Max(1_000_000) @DefaultValue("1000") int channels,
		@Min(1) @Max(100_000_000) @DefaultValue("1000") int eventsPerChannel,
		@NotNull @DefaultValue("0ms") Duration latency,
		@Min(1) @Max(256) @DefaultValue("4") int eventThreads,
		@Min(1) @Max(4096) @DefaultValue("8") int eventPartitions,
		@Min(1) @Max(1_000_000) @DefaultValue("100000") int requestsPerSecond,
		@DefaultValue("false") boolean keepDatabase,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double snapshotShare,
		@Min(0) @Max(100_000_000) @DefaultValue("0") int warmUpEvents,
		@NotNull @Pattern(regexp = "load|nights|callbacks") @DefaultValue("load") String scenario,
		@Min(2) @Max(3650) @DefaultValue("30") int nights,
		@Min(1) @Max(100_000) @DefaultValue("200") int nightsChannels,
		@DecimalMin("0") @DecimalMax("10000") @DefaultValue("24") double nightsEventsPerDay,
		@NotNull @DefaultValue("7d") Duration nightsRetention,
		@Min(0) @Max(1_000_000_000) @DefaultValue("10000000") long prefillEvents,
		@Min(1) @Max(100_000_000) @DefaultValue("200000") int callbacks,
		@Min(1) @Max(1024) @DefaultValue("32") int callbackSenders,
		@DecimalMin("0") @DecimalMax("0.5") @DefaultValue("0.02") double callbackDuplicateShare,
		@NotNull @DefaultValue List<@Pattern(regexp = "(archive\\.callback|server|spring\\.datasource\\.hikari)\\.[a-z0-9.-]+=[^\\s]*",
				message = "must be receiver settings as name=value, e.g. archive.callback.committers=2") String> receiverSettings) {
}
