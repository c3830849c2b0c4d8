package dev.lsarchive.job;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.archive.QuarantineWriter;
import dev.lsarchive.reporting.ReportingRefresh;

/**
 * {@code archiveJob}: channels, then events (partitioned by channel) and snapshots side by side,
 * then finish (quarantine threshold, reporting refresh). The run ledger listens to every execution.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!simulator & !health & !bench")
@EnableConfigurationProperties(ArchiveProperties.class)
class ArchiveJobConfiguration {

	static final String JOB_NAME = "archiveJob";

	@Bean
	Job archiveJob(JobRepository jobRepository, Step channelsStep, Step eventsStep, Step snapshotsStep,
			Step finishStep, RunLedger runLedger, GracefulShutdown gracefulShutdown) {
		// afterJob runs in reverse order: the ledger is written before a waiting shutdown is released
		// snapshots need only the channel listing: they are fetched while the events load, not after them
		Flow events = new FlowBuilder<Flow>("eventsFlow").start(eventsStep).build();
		Flow snapshots = new FlowBuilder<Flow>("snapshotsFlow").start(snapshotsStep).build();
		Flow eventsAndSnapshots = new FlowBuilder<Flow>("eventsAndSnapshots")
			.split(new SimpleAsyncTaskExecutor("steps-"))
			.add(events, snapshots)
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).listener(gracefulShutdown)
			.listener(runLedger)
			.flow(channelsStep)
			.next(eventsAndSnapshots)
			.next(finishStep)
			.end()
			.build();
	}

	@Bean
	Step finishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, JdbcTemplate jdbc) {
		ReportingRefresh reporting = new ReportingRefresh(jdbc);
		Tasklet finish = (contribution, chunkContext) -> {
			RunTotals totals = RunTotals.of(jobRepository, chunkContext.getStepContext().getStepExecution().getJobExecution());
			new QuarantineThreshold(properties.maxQuarantineRatio()).check(totals.itemsRead(), totals.itemsQuarantined());
			reporting.refresh(properties.timeZone(), totals.get("events.written") > 0);
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("finish", jobRepository).tasklet(finish, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	RunLedger runLedger(NamedParameterJdbcTemplate jdbc, JobRepository jobRepository, ApiCallStats apiStats,
			MeterRegistry meterRegistry, ArchiveProperties properties, Environment environment) {
		boolean jsonLogs = environment.containsProperty("logging.structured.format.console");
		return new RunLedger(jdbc, jobRepository, apiStats, new RunSummary(System.out, !jsonLogs),
				new ArchiveMetrics(meterRegistry, apiStats), properties.summaryFile());
	}

	@Bean
	GracefulShutdown gracefulShutdown(JobOperator jobOperator, ConfigurableApplicationContext context) {
		GracefulShutdown shutdown = new GracefulShutdown(jobOperator, Duration.ofMinutes(2));
		shutdown.install(context);
		return shutdown;
	}

	@Bean
	ProgressListener progressListener(ArchiveProperties properties) {
		return new ProgressListener(properties.progressInterval());
	}

	@Bean
	QuarantineWriter quarantineWriter(NamedParameterJdbcTemplate jdbc) {
		return new QuarantineWriter(jdbc);
	}

	// the clock requests are signed with and timestamps judged by; a drill may register a skewed one
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
