package dev.lsarchive.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ArchivedResources;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.Counts;
import dev.lsarchive.batch.StepCounts;
import dev.lsarchive.batch.Tally;

/**
 * The counts of a run date so far: for every step (and partition) of the job instance, the
 * counts committed by its latest execution ({@link StepCounts}), which carry those of the executions
 * it resumed, summed key by key, whichever resource declared them.
 *
 * @param counts every counter's value by its stable key (absent: zero)
 * @param resources the resources whose tallies make up the items
 */
record RunTotals(Map<String, Long> counts, ArchivedResources resources) implements Counts {

	static RunTotals of(JobRepository jobRepository, JobExecution current, ArchivedResources resources) {
		JobInstance instance = current.getJobInstance();
		TreeSet<String> stepNames = new TreeSet<>();
		for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
			execution.getStepExecutions().forEach((step) -> stepNames.add(step.getStepName()));
		}
		current.getStepExecutions().forEach((step) -> stepNames.add(step.getStepName()));
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String stepName : stepNames) {
			StepExecution last = jobRepository.getLastStepExecution(instance, stepName);
			if (last != null) {
				StepCounts.of(last.getExecutionContext(), resources).counts()
					.forEach((key, value) -> counts.merge(key, value, Long::sum));
			}
		}
		return new RunTotals(counts, resources);
	}

	@Override
	public long get(String key) {
		return this.counts.getOrDefault(key, 0L);
	}

	/** {@code tally} over every resource. */
	long items(Tally tally) {
		long sum = 0;
		for (ArchivedResource resource : this.resources) {
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

	/** Whether every record read is accounted for as written, already archived or quarantined. */
	boolean reconciled() {
		return itemsRead() == itemsWritten() + itemsAlreadyArchived() + itemsQuarantined();
	}

	/**
	 * Every counter by its stable key, for the JSON summary and the ledger: the declared ones in the
	 * resources' order, then any other a step saved (by key).
	 */
	Map<String, Long> byKey() {
		Map<String, Long> byKey = new LinkedHashMap<>();
		for (Counter counter : this.resources.counters()) {
			Long value = this.counts.get(counter.key());
			if (value != null) {
				byKey.put(counter.key(), value);
			}
		}
		new TreeMap<>(this.counts).forEach(byKey::putIfAbsent);
		return byKey;
	}

}
