package dev.lsarchive.bench;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

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
		@Min(0) @Max(100_000_000) @DefaultValue("0") int warmUpEvents) {
}
