package dev.lsarchive.job;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.lsarchive.batch.CountingWriter;

/**
 * The counts of a run date so far: for every step (and partition) of the job instance, the
 * counters committed by its latest execution, which carry those of the executions it resumed.
 *
 * @param counts counter name to value, e.g. {@code events.written}
 */
record RunTotals(Map<String, Long> counts) {

	static RunTotals of(JobRepository jobRepository, JobExecution current) {
		JobInstance instance = current.getJobInstance();
		TreeSet<String> stepNames = new TreeSet<>();
		for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
			execution.getStepExecutions().forEach((step) -> stepNames.add(step.getStepName()));
		}
		current.getStepExecutions().forEach((step) -> stepNames.add(step.getStepName()));
		Map<String, Long> counts = new TreeMap<>();
		for (String stepName : stepNames) {
			StepExecution last = jobRepository.getLastStepExecution(instance, stepName);
			if (last == null) {
				continue;
			}
			for (Map.Entry<String, Object> entry : last.getExecutionContext().entrySet()) {
				if (entry.getKey().startsWith(CountingWriter.PREFIX) && entry.getValue() instanceof Number number) {
					counts.merge(entry.getKey().substring(CountingWriter.PREFIX.length()), number.longValue(),
							Long::sum);
				}
			}
		}
		// lists found unchanged were counted by the reader, unparsed: their events are read and already archived
		long unchanged = counts.getOrDefault("events.read_unchanged", 0L);
		counts.merge("events.read", unchanged, Long::sum);
		counts.merge("events.already_archived", unchanged, Long::sum);
		return new RunTotals(counts);
	}

	long get(String name) {
		return this.counts.getOrDefault(name, 0L);
	}

	long itemsRead() {
		return get("channels.read") + get("events.read") + get("snapshots.read");
	}

	long itemsWritten() {
		return get("channels.written") + get("events.written") + get("snapshots.written");
	}

	long itemsAlreadyArchived() {
		return get("channels.unchanged") + get("events.already_archived") + get("snapshots.unchanged");
	}

	long itemsQuarantined() {
		return get("channels.quarantined") + get("events.quarantined") + get("snapshots.quarantined");
	}

	long unknownStatuses() {
		return get("channels.unknown_status") + get("snapshots.unknown_status");
	}

	/** Whether every record read is accounted for as written, already archived or quarantined. */
	boolean reconciled() {
		return itemsRead() == itemsWritten() + itemsAlreadyArchived() + itemsQuarantined();
	}

}
