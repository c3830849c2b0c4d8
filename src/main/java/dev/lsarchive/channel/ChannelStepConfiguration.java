package dev.lsarchive.channel;

import java.time.Clock;
import java.time.LocalDate;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.quarantine.QuarantineWriter;

/** Step 1, {@code channels}: the channel list into {@code channel}, its history and the run's listing. */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class ChannelStepConfiguration {

	static final String STEP_NAME = "channels";

	@Bean
	ArchivedResource channelsResource() {
		return ChannelResource.CHANNELS;
	}

	@Bean
	Step channelsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, ItemStreamReader<ChannelDto> channelListingReader,
			ItemStreamWriter<Outcome<ChannelRow>> channelWriter, Clock clock, ProgressListener progress) {
		return new StepBuilder(STEP_NAME, jobRepository)
			.<ChannelDto, Outcome<ChannelRow>>chunk(properties.channelChunkSize())
			.transactionManager(transactionManager)
			.reader(channelListingReader)
			.processor(new ChannelNormalizer(clock))
			.writer(channelWriter)
			.listener(progress)
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<ChannelDto> channelListingReader(LiveStationClient client, ArchiveProperties properties,
			JdbcTemplate jdbc, @Value(RunContext.RUN_DATE_VALUE) LocalDate runDate) {
		return new ChannelListingReader(client, properties.pageSize(), properties.listingRereads(),
				properties.eventThreads(), jdbc, runDate);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamWriter<Outcome<ChannelRow>> channelWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		return new ChannelWriter(jdbc, quarantine);
	}

}
