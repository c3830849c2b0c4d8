package dev.lsarchive.job;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ListingCounts;
import dev.lsarchive.batch.Tally;

/**
 * Micrometer meters of the archive: API requests, retries and 429s as they happen; the items of
 * each resource by outcome, the run's status and the step durations when a run ends. A short job
 * is still seen by dashboards when the Prometheus Pushgateway push is on (see README).
 */
class ArchiveMetrics implements RunResult.Listener {

	// the exported outcome names, which dashboards query: "unchanged" has always been "already_archived" there
	private static final Map<Tally, String> OUTCOME_TAGS = new EnumMap<>(Map.of(Tally.READ, "read", Tally.WRITTEN,
			"written", Tally.UNCHANGED, "already_archived", Tally.QUARANTINED, "quarantined"));

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

	ArchiveMetrics(MeterRegistry registry, ApiCallStats api) {
		this.registry = registry;
		FunctionCounter.builder("livestation.api.requests", api, (s) -> s.snapshot().requests())
			.description("HTTP requests sent to the Live Station API, retries included")
			.register(registry);
		FunctionCounter.builder("livestation.api.retries", api, (s) -> s.snapshot().retries())
			.description("Retried attempts")
			.register(registry);
		FunctionCounter.builder("livestation.api.retry.wait", api, (s) -> s.snapshot().retryWaitMillis() / 1000.0)
			.description("Time waited before retries (backoff or Retry-After)")
			.baseUnit("seconds")
			.register(registry);
		FunctionCounter.builder("livestation.api.throttled", api, (s) -> s.snapshot().throttled())
			.description("HTTP 429 answers")
			.register(registry);
	}

	@Override
	public void runEnded(RunResult result) {
		recordRun(result.execution(), result.totals());
	}

	void recordRun(JobExecution execution, RunTotals totals) {
		for (ArchivedResource resource : totals.resources()) {
			for (Tally tally : Tally.values()) {
				gauge("livestation.archive.items", totals.get(resource, tally), "resource", resource.label(), "outcome",
						OUTCOME_TAGS.get(tally));
			}
		}
		gauge("livestation.archive.listing.drift", totals.get(ListingCounts.DRIFT));
		gauge("livestation.archive.run.completed", (execution.getStatus() == BatchStatus.COMPLETED) ? 1 : 0);
		gauge("livestation.archive.run.finished", System.currentTimeMillis() / 1000);
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStartTime() != null) {
				LocalDateTime end = (step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now();
				Timer.builder("livestation.archive.step.duration")
					.description("Duration of each step of the archive job")
					.tag("step", step.getStepName().replaceAll(":.*", ""))
					.register(this.registry)
					.record(Duration.between(step.getStartTime(), end));
			}
		}
	}

	private void gauge(String name, long value, String... tags) {
		String key = name + String.join(",", tags);
		this.values.computeIfAbsent(key, (k) -> {
			AtomicLong holder = new AtomicLong();
			Gauge.builder(name, holder, AtomicLong::get).tags(tags).register(this.registry);
			return holder;
		}).set(value);
	}

}
