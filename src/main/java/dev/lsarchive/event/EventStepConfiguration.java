package dev.lsarchive.event;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;

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

import dev.lsarchive.api.EventDto;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ChannelPartitioner;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.quarantine.QuarantineWriter;
import dev.lsarchive.reporting.DailyCounts;

/**
 * Step 2, {@code events}: the channels of the run's listing split into partitions, each streaming
 * its channels' events on its own thread (at most {@code archive.event-threads} at once).
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class EventStepConfiguration {

	static final String STEP_NAME = "events";

	// the step each partition runs, as eventsWorker:channels-3-of-8
	static final String WORKER_STEP_NAME = "eventsWorker";

	@Bean
	ArchivedResource eventsResource() {
		return EventResource.EVENTS;
	}

	@Bean
	Step eventsStep(JobRepository jobRepository, ArchiveProperties properties, Step eventsWorkerStep,
			JdbcTemplate jdbc) {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("events-");
		threads.setConcurrencyLimit(properties.eventThreads());
		return new StepBuilder(STEP_NAME, jobRepository).partitioner(WORKER_STEP_NAME, new ChannelPartitioner())
			.step(eventsWorkerStep)
			.gridSize(properties.eventPartitions())
			.taskExecutor(threads)
			.listener(new DailyCounts(jdbc).firstLoadListener())
			.build();
	}

	@Bean
	Step eventsWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<List<EventDto>> eventReader, ItemStreamWriter<List<Outcome<EventRow>>> eventWriter,
			EventListFingerprints eventListFingerprints, EventCoverage eventCoverage, Clock clock,
			ProgressListener progress) {
		// one item is a block of archive.event-chunk-size events, and one block is one chunk: the step's
		// per-item machinery (scoped proxies, listeners, observations) runs per block, not per event
		return new StepBuilder(WORKER_STEP_NAME, jobRepository).<List<EventDto>, List<Outcome<EventRow>>>chunk(1)
			// the job's own metrics (ArchiveMetrics) count events and time steps
			.observationRegistry(ObservationRegistry.NOOP)
			.transactionManager(transactionManager)
			.reader(eventReader)
			.processor(new EventBlockNormalizer(new EventNormalizer(clock)))
			.writer(eventWriter)
			.stream(eventListFingerprints)
			.stream(eventCoverage)
			// the partitions show as one line, the events step's
			.listener(progress.labelling(WORKER_STEP_NAME, STEP_NAME))
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<List<EventDto>> eventReader(LiveStationClient client, JdbcTemplate jdbc,
			@Value(RunContext.RUN_DATE_VALUE) LocalDate runDate,
			@Value("#{stepExecution.stepName}") String stepName, ArchiveProperties properties,
			EventListFingerprints eventListFingerprints, EventCoverage eventCoverage, Clock clock) {
		int[] partition = ChannelPartitioner.ofStep(stepName);
		return new EventReader(client, jdbc, runDate, partition[0], partition[1],
				properties.skipUnchangedEventLists(), properties.eventChunkSize(), eventListFingerprints, eventCoverage,
				clock);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamWriter<List<Outcome<EventRow>>> eventWriter(DataSource dataSource, QuarantineWriter quarantine,
			EventListFingerprints eventListFingerprints, EventCoverage eventCoverage) {
		return new EventWriter(dataSource, quarantine, eventListFingerprints, eventCoverage);
	}

	// one per worker step, shared by its reader and writer, and a stream of the step
	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.TARGET_CLASS)
	EventListFingerprints eventListFingerprints(JdbcTemplate jdbc,
			@Value(RunContext.RUN_DATE_VALUE) LocalDate runDate) {
		return new EventListFingerprints(jdbc, runDate);
	}

	// one per worker step, like the fingerprints
	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.TARGET_CLASS)
	EventCoverage eventCoverage(JdbcTemplate jdbc, @Value(RunContext.RUN_DATE_VALUE) LocalDate runDate) {
		return new EventCoverage(jdbc, runDate);
	}

}
