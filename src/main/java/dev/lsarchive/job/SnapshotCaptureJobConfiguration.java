package dev.lsarchive.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;

/**
 * {@code snapshotCaptureJob}: the snapshot info of every listed snapshot not archived yet, read
 * within its hour, then the same quarantine gate as the nightly job. Its identity is its time slot;
 * its runs are in the same ledger, reported by the same listeners.
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class SnapshotCaptureJobConfiguration {

	@Bean
	Job snapshotCaptureJob(JobRepository jobRepository, Step snapshotCaptureStep, Step quarantineGateStep,
			RunLedger runLedger, RunResultPublisher runResultPublisher, GracefulShutdown gracefulShutdown) {
		// afterJob runs in reverse order: the ledger is written before a waiting shutdown is released
		return new JobBuilder(ArchiveProperties.Job.SNAPSHOT_CAPTURE.jobName(), jobRepository)
			.listener(gracefulShutdown)
			.listener(runResultPublisher)
			.listener(runLedger)
			.start(snapshotCaptureStep)
			.next(quarantineGateStep)
			.build();
	}

}
