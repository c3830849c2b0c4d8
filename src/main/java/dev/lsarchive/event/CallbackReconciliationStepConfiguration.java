package dev.lsarchive.event;

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

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;

/**
 * The {@code callbacks} step, after the events: the callbacks Live Station pushed, reconciled with
 * the event lists just read, {@code archive.channel-chunk-size} channels per transaction.
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class CallbackReconciliationStepConfiguration {

	static final String STEP_NAME = "callbacks";

	@Bean
	ArchivedResource callbacksResource() {
		return CallbackReconciliationResource.CALLBACKS;
	}

	@Bean
	Step callbacksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, ItemStreamReader<String> callbackReconciliationReader,
			ItemStreamWriter<String> callbackReconciliationWriter, ProgressListener progress) {
		return new StepBuilder(STEP_NAME, jobRepository).<String, String>chunk(properties.channelChunkSize())
			.transactionManager(transactionManager)
			.reader(callbackReconciliationReader)
			.writer(callbackReconciliationWriter)
			.listener(progress)
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<String> callbackReconciliationReader(JdbcTemplate jdbc) {
		return new CallbackReconciliationReader(jdbc);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamWriter<String> callbackReconciliationWriter(JdbcTemplate jdbc, Clock clock,
			ArchiveProperties properties, @Value(RunContext.RUN_DATE_VALUE) LocalDate runDate) {
		return new CallbackReconciliationWriter(jdbc, clock, properties.callbackGrace(), runDate);
	}

}
