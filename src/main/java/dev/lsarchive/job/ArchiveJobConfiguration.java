package dev.lsarchive.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.ArchivedResources;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.reporting.ApiFields;
import dev.lsarchive.reporting.ReportingRefresh;

/**
 * {@code archiveJob}: the archived resources' steps (channels, then events, partitioned by channel,
 * and snapshots side by side, then the callbacks reconciled with the events, then recordings and the
 * reporting refresh side by side), then the quarantine gate (the run fails when too many records were
 * quarantined). The run ledger listens to every execution.
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class ArchiveJobConfiguration {

	static final String QUARANTINE_GATE_STEP_NAME = "quarantineGate";

	static final String REPORTING_REFRESH_STEP_NAME = "reportingRefresh";

	// the archived resources' steps, in the order they run: a new resource is one more line here
	@Bean
	Flow resourceSteps(Step channelsStep, Step eventsStep, Step snapshotsStep, Step callbacksStep,
			Step recordingsStep, Step reportingRefreshStep) {
		// snapshots need only the channel listing: they are fetched while the events load, not after them
		Flow eventsAndSnapshots = sideBySide("eventsAndSnapshots", eventsStep, snapshotsStep);
		// the reporting layer follows from the events and the channels' statuses alone: PostgreSQL refreshes it
		// while the recordings are asked for (after a first load it works seconds, on cores the recordings leave idle)
		Flow recordingsAndReporting = sideBySide("recordingsAndReporting", recordingsStep, reportingRefreshStep);
		return new FlowBuilder<Flow>("resourceSteps").start(channelsStep)
			.next(eventsAndSnapshots)
			// the pushed events reconciled with the lists just read: what they archive counts for the recordings too
			.next(callbacksStep)
			// which channels' recordings to ask for follows from the recording events just archived
			.next(recordingsAndReporting)
			.build();
	}

	private static Flow sideBySide(String name, Step first, Step second) {
		return new FlowBuilder<Flow>(name).split(new SimpleAsyncTaskExecutor("steps-"))
			.add(new FlowBuilder<Flow>(first.getName() + "Flow").start(first).build(),
					new FlowBuilder<Flow>(second.getName() + "Flow").start(second).build())
			.build();
	}

	@Bean
	Job archiveJob(JobRepository jobRepository, Flow resourceSteps, Step quarantineGateStep, RunLedger runLedger,
			RunResultPublisher runResultPublisher, GracefulShutdown gracefulShutdown) {
		// afterJob runs in reverse order: the ledger is written before a waiting shutdown is released
		return new JobBuilder(ArchiveProperties.Job.NIGHTLY.jobName(), jobRepository).listener(gracefulShutdown)
			.listener(runResultPublisher)
			.listener(runLedger)
			.start(resourceSteps)
			.next(quarantineGateStep)
			.end()
			.build();
	}

	// every run refreshes the reporting layer and passes the gate, also a resumed one that did so before
	@Bean
	Step quarantineGateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, ArchivedResources archivedResources) {
		QuarantineThreshold threshold = new QuarantineThreshold(properties.maxQuarantineRatio());
		Tasklet gate = (contribution, chunkContext) -> {
			RunTotals totals = RunTotals.of(jobRepository,
					chunkContext.getStepContext().getStepExecution().getJobExecution(), archivedResources);
			threshold.check(totals.itemsRead(), totals.itemsQuarantined());
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder(QUARANTINE_GATE_STEP_NAME, jobRepository).tasklet(gate, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step reportingRefreshStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveProperties properties, JdbcTemplate jdbc) {
		ReportingRefresh reporting = new ReportingRefresh(jdbc, transactionManager);
		Tasklet refresh = (contribution, chunkContext) -> {
			reporting.refresh(properties.timeZone());
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder(REPORTING_REFRESH_STEP_NAME, jobRepository).tasklet(refresh, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	RunLedger runLedger(NamedParameterJdbcTemplate jdbc, ArchivedResources archivedResources) {
		return new RunLedger(jdbc, archivedResources);
	}

	// one result per run for all who report it; the ledger row first
	@Bean
	RunResultPublisher runResultPublisher(RunLedger runLedger, JobRepository jobRepository, ApiCallStats apiStats,
			ArchivedResources archivedResources, MeterRegistry meterRegistry, ArchiveProperties properties,
			Environment environment, JdbcTemplate jdbc) {
		boolean jsonLogs = environment.containsProperty("logging.structured.format.console");
		ApiFields apiFields = new ApiFields(jdbc);
		List<RunResult.Listener> listeners = new ArrayList<>(List.of(runLedger,
				new RunSummary(System.out, !jsonLogs, (execution) -> apiFields.announcedBy(execution.getId())),
				new ArchiveMetrics(meterRegistry, apiStats)));
		if (properties.summaryFile() != null) {
			listeners.add(new RunReportFile(properties.summaryFile()));
		}
		return new RunResultPublisher(jobRepository, apiStats, archivedResources, listeners);
	}

	@Bean
	GracefulShutdown gracefulShutdown(JobOperator jobOperator, ConfigurableApplicationContext context) {
		GracefulShutdown shutdown = new GracefulShutdown(jobOperator, Duration.ofMinutes(2));
		shutdown.install(context);
		return shutdown;
	}

}
