package dev.lsarchive.recording;

import java.time.Clock;
import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ChannelPartitioner;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * Step 4, {@code recordings}: after the events, the recordings of the channels that can have new or
 * changed ones, the channels split into partitions like the events step's, each asking its channels
 * on its own thread (at most {@code archive.event-threads} at once, within the client's rate budget).
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class RecordingStepConfiguration {

	static final String STEP_NAME = "recordings";

	// the step each partition runs, as recordingsWorker:channels-3-of-8
	static final String WORKER_STEP_NAME = "recordingsWorker";

	// a channel's list, or a few channels asked one by one, are one item (RecordingReader), a chunk of
	// items one transaction; the partitions that run at once share this many items held in memory (a
	// channel's list of a hundred recordings with their payloads takes megabytes while it is parsed,
	// normalized and bound; an item holds at most one list)
	private static final int ITEMS_IN_MEMORY = 20;

	@Bean
	ArchivedResource recordingsResource() {
		return RecordingResource.RECORDINGS;
	}

	@Bean
	DueChannels dueChannels(JdbcTemplate jdbc) {
		return new DueChannels(jdbc);
	}

	@Bean
	Step recordingsStep(JobRepository jobRepository, ArchiveProperties properties, Step recordingsWorkerStep,
			DueChannels dueChannels) {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("recordings-");
		threads.setConcurrencyLimit(properties.eventThreads());
		return new StepBuilder(STEP_NAME, jobRepository).partitioner(WORKER_STEP_NAME, new ChannelPartitioner())
			.step(recordingsWorkerStep)
			.gridSize(properties.eventPartitions())
			.taskExecutor(threads)
			.listener(dueChannels)
			.build();
	}

	@Bean
	Step recordingsWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<List<RecordingList>> recordingReader,
			ItemStreamWriter<List<ChannelRecordings>> recordingWriter, Clock clock, ProgressListener progress,
			ArchiveProperties properties) {
		RecordingNormalizer normalizer = new RecordingNormalizer(clock);
		int itemsPerChunk = Math.max(1, ITEMS_IN_MEMORY / properties.eventThreads());
		return new StepBuilder(WORKER_STEP_NAME, jobRepository)
			.<List<RecordingList>, List<ChannelRecordings>>chunk(itemsPerChunk)
			.transactionManager(transactionManager)
			.reader(recordingReader)
			.processor((item) -> item.stream().map(normalizer::process).toList())
			.writer(recordingWriter)
			// the partitions show as one line, the recordings step's
			.listener(progress.labelling(WORKER_STEP_NAME, STEP_NAME))
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<List<RecordingList>> recordingReader(LiveStationClient client, JdbcTemplate jdbc,
			DueChannels dueChannels, @Value("#{stepExecution.stepName}") String stepName,
			@Value("#{stepExecution.jobExecutionId}") long jobExecutionId) {
		int[] partition = ChannelPartitioner.ofStep(stepName);
		return new RecordingReader(client, jdbc, () -> dueChannels.of(jobExecutionId), partition[0], partition[1]);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamWriter<List<ChannelRecordings>> recordingWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		return new RecordingWriter(jdbc, quarantine);
	}

}
