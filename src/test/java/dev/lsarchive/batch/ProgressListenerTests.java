package dev.lsarchive.batch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressListenerTests {

	@Test
	void thePartitionsOfAStepShowAsOneLineUnderTheNameItsConfigurationGaveThem() {
		// given: a listener whose partitioned worker step is labelled, two of its partitions running
		ByteArrayOutputStream terminal = new ByteArrayOutputStream();
		ProgressListener listener = new ProgressListener(Duration.ofHours(1), new ArchivedResources(List.of()),
				new PrintStream(terminal, true, StandardCharsets.UTF_8))
			.labelling("worker", "resource");
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "job"), new JobParameters());
		StepExecution first = partition(2L, "worker:part-0-of-2", job, 1, 4);
		StepExecution second = partition(3L, "worker:part-1-of-2", job, 2, 4);
		listener.beforeStep(first);
		listener.beforeStep(second);

		// when: a chunk of one of them commits
		chunkCommitted(listener, first);

		// then: one line, named by the label, with the partitions' channels added up
		String line = terminal.toString(StandardCharsets.UTF_8).strip();
		assertThat(line).startsWith("resource  0 records").contains("37% of channels").doesNotContain("worker");
	}

	@Test
	void aPartitionThatCountedNothingYetIsCountedInTheResourceItsStepIsLabelledWith() {
		// given: a partition given no channel, of the worker step of recordings
		ByteArrayOutputStream terminal = new ByteArrayOutputStream();
		ArchivedResources resources = new ArchivedResources(List.of(ArchivedResource.named("recordings", 1).build()));
		ProgressListener listener = new ProgressListener(Duration.ofHours(1), resources,
				new PrintStream(terminal, true, StandardCharsets.UTF_8))
			.labelling("recordingsWorker", "recordings");
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "job"), new JobParameters());
		StepExecution empty = partition(2L, "recordingsWorker:channels-0-of-8", job, 0, 0);
		listener.beforeStep(empty);

		// when
		chunkCommitted(listener, empty);

		// then: in the resource's words, not "records"
		assertThat(terminal.toString(StandardCharsets.UTF_8).strip()).startsWith("recordings  0 recordings");
	}

	// as the step's chunk loop calls the listener: with the step registered for its thread
	private static void chunkCommitted(ProgressListener listener, StepExecution step) {
		StepSynchronizationManager.register(step);
		try {
			listener.afterChunk(new Chunk<>());
		}
		finally {
			StepSynchronizationManager.close();
		}
	}

	private static StepExecution partition(long id, String name, JobExecution job, long done, long total) {
		StepExecution step = new StepExecution(id, name, job);
		step.getExecutionContext().putLong(ProgressListener.CHANNELS_DONE, done);
		step.getExecutionContext().putLong(ProgressListener.CHANNELS_TOTAL, total);
		return step;
	}

}
