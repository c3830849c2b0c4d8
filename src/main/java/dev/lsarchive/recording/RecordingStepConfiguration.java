package dev.lsarchive.recording;

import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.quarantine.QuarantineWriter;

/** Step 4, {@code recordings}: after the events, the recordings of the channels that can have new or changed ones. */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class RecordingStepConfiguration {

	static final String STEP_NAME = "recordings";

	// a channel's recordings are one item: a chunk of channels is one transaction
	private static final int CHANNELS_PER_CHUNK = 20;

	@Bean
	ArchivedResource recordingsResource() {
		return RecordingResource.RECORDINGS;
	}

	@Bean
	Step recordingsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<RecordingList> recordingReader, ItemStreamWriter<ChannelRecordings> recordingWriter,
			Clock clock, ProgressListener progress) {
		return new StepBuilder(STEP_NAME, jobRepository)
			.<RecordingList, ChannelRecordings>chunk(CHANNELS_PER_CHUNK)
			.transactionManager(transactionManager)
			.reader(recordingReader)
			.processor(new RecordingNormalizer(clock))
			.writer(recordingWriter)
			.listener(progress)
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<RecordingList> recordingReader(LiveStationClient client, JdbcTemplate jdbc) {
		return new RecordingReader(client, jdbc);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamWriter<ChannelRecordings> recordingWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		return new RecordingWriter(jdbc, quarantine);
	}

}
