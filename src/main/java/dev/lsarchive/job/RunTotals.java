package dev.lsarchive.job;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.Counter.Resource;
import dev.lsarchive.batch.Counter.Tally;
import dev.lsarchive.batch.StepCounts;

/**
 * The counts of a run date so far: for every step (and partition) of the job instance, the
 * counts committed by its latest execution ({@link StepCounts}), which carry those of the executions
 * it resumed.
 *
 * @param counts every counter's value (absent: zero)
 */
record RunTotals(Map<Counter, Long> counts) {

	static RunTotals of(JobRepository jobRepository, JobExecution current) {
		JobInstance instance = current.getJobInstance();
		TreeSet<String> stepNames = new TreeSet<>();
		for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
			execution.getStepExecutions().forEach((step) -> stepNames.add(step.getStepName()));
		}
		current.getStepExecutions().forEach((step) -> stepNames.add(step.getStepName()));
		Map<Counter, Long> counts = new EnumMap<>(Counter.class);
		for (String stepName : stepNames) {
			StepExecution last = jobRepository.getLastStepExecution(instance, stepName);
			if (last != null) {
				StepCounts.of(last.getExecutionContext()).counts()
					.forEach((counter, value) -> counts.merge(counter, value, Long::sum));
			}
		}
		return new RunTotals(counts);
	}

	long get(Counter counter) {
		return this.counts.getOrDefault(counter, 0L);
	}

	long get(Resource resource, Tally tally) {
		return get(Counter.of(resource, tally));
	}

	/** {@code tally} over every resource. */
	long items(Tally tally) {
		long sum = 0;
		for (Resource resource : Resource.values()) {
			sum += get(resource, tally);
		}
		return sum;
	}

	long itemsRead() {
		return items(Tally.READ);
	}

	long itemsWritten() {
		return items(Tally.WRITTEN);
	}

	long itemsAlreadyArchived() {
		return items(Tally.UNCHANGED);
	}

	long itemsQuarantined() {
		return items(Tally.QUARANTINED);
	}

	long unknownStatuses() {
		return get(Counter.CHANNELS_UNKNOWN_STATUS) + get(Counter.SNAPSHOTS_UNKNOWN_STATUS);
	}

	/** Whether every record read is accounted for as written, already archived or quarantined. */
	boolean reconciled() {
		return itemsRead() == itemsWritten() + itemsAlreadyArchived() + itemsQuarantined();
	}

	/** Every counter by its stable key, for the JSON summary. */
	Map<String, Long> byKey() {
		Map<String, Long> byKey = new LinkedHashMap<>();
		this.counts.forEach((counter, value) -> byKey.put(counter.key(), value));
		return byKey;
	}

}
