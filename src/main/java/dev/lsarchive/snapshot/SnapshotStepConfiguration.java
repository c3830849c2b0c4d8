package dev.lsarchive.snapshot;

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

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * Step 3 of the nightly job, {@code snapshots}: snapshot info of every snapshot the run date's listing
 * carries that is not archived yet (the others are counted read and unchanged); and the one step of
 * the snapshot capture job, {@code snapshotCapture}: the info of every snapshot listed now and not
 * archived yet, read within its hour.
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class SnapshotStepConfiguration {

	static final String NIGHTLY_STEP_NAME = "snapshots";

	static final String CAPTURE_STEP_NAME = "snapshotCapture";

	@Bean
	ArchivedResource snapshotsResource() {
		return SnapshotResource.SNAPSHOTS;
	}

	@Bean
	Step snapshotsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, ItemStreamReader<SnapshotFetch> snapshotReader,
			ItemStreamWriter<Outcome<SnapshotRow>> snapshotWriter, Clock clock, ProgressListener progress) {
		return step(NIGHTLY_STEP_NAME, jobRepository, transactionManager, properties, snapshotReader, snapshotWriter,
				clock, progress);
	}

	// both steps read listed snapshots' info, normalize and write it alike; only what they list differs
	private static Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, ItemStreamReader<SnapshotFetch> reader,
			ItemStreamWriter<Outcome<SnapshotRow>> writer, Clock clock, ProgressListener progress) {
		return new StepBuilder(name, jobRepository)
			.<SnapshotFetch, Outcome<SnapshotRow>>chunk(properties.snapshotChunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.processor(new SnapshotNormalizer(clock))
			.writer(writer)
			.listener(progress)
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<SnapshotFetch> snapshotReader(LiveStationClient client, JdbcTemplate jdbc,
			@Value(RunContext.RUN_DATE_VALUE) LocalDate runDate, ArchiveProperties properties) {
		return new SnapshotReader(client, SnapshotReader.listedOn(jdbc, runDate), properties.eventThreads(), true);
	}

	@Bean
	Step snapshotCaptureStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, ItemStreamReader<SnapshotFetch> snapshotCaptureReader,
			ItemStreamWriter<Outcome<SnapshotRow>> snapshotWriter, Clock clock, ProgressListener progress) {
		return step(CAPTURE_STEP_NAME, jobRepository, transactionManager, properties, snapshotCaptureReader,
				snapshotWriter, clock, progress);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamReader<SnapshotFetch> snapshotCaptureReader(LiveStationClient client, JdbcTemplate jdbc,
			ArchiveProperties properties) {
		SnapshotCaptureListing listing = new SnapshotCaptureListing(client, jdbc, properties.pageSize(),
				properties.listingRereads());
		return new SnapshotReader(client, listing, properties.eventThreads(), false);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemStreamWriter<Outcome<SnapshotRow>> snapshotWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		return new SnapshotWriter(jdbc, quarantine);
	}

}
