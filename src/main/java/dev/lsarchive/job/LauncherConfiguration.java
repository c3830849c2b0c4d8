package dev.lsarchive.job;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.callback.CallbackProperties;
import dev.lsarchive.callback.CallbackRegistration;
import dev.lsarchive.config.ArchiveMode;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.config.ExitCodes;

/** Runs the chosen job (nightly archive, snapshot capture or callback registration) once at start-up and turns its outcome into the process exit code. */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
class LauncherConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LauncherConfiguration.class);

	@Bean
	ArchiveLauncher archiveLauncher(JobOperator jobOperator, JobRepository jobRepository, Job archiveJob,
			Job snapshotCaptureJob, DataSource dataSource, RunLedger ledger, Clock clock) {
		return new ArchiveLauncher(jobOperator, jobRepository, archiveJob, snapshotCaptureJob, dataSource, ledger,
				clock);
	}

	@Bean
	@ConditionalOnProperty(name = "archive.run-on-startup", havingValue = "true", matchIfMissing = true)
	LaunchOnStartup launchOnStartup(ArchiveLauncher launcher, ArchiveProperties properties, Clock clock,
			Environment environment, JdbcTemplate jdbc, LiveStationClient client) {
		CallbackRegistration registration = new CallbackRegistration(client, System.out, System.err);
		if (!environment.matchesProfiles("demo")) {
			return new LaunchOnStartup(launcher, properties, clock, null, registration, environment);
		}
		// the demo falls back to the local PostgreSQL: it says where it writes before it does
		String url = environment.getProperty("spring.datasource.url", "");
		log.info("Demo: archiving the built-in simulator into {} as user {} (set ARCHIVE_JDBC_URL to archive elsewhere)",
				url.replaceFirst("\\?.*", ""), environment.getProperty("spring.datasource.username", ""));
		return new LaunchOnStartup(launcher, properties, clock, jdbc, registration, environment);
	}

	/** The {@link ApplicationRunner} that launches one run and reports its exit code. */
	static final class LaunchOnStartup implements ApplicationRunner, ExitCodeGenerator {

		private final ArchiveLauncher launcher;

		private final ArchiveProperties properties;

		private final Clock clock;

		private final JdbcTemplate demoQueries;

		private final CallbackRegistration registration;

		private final Environment environment;

		private int exitCode = ExitCodes.FAILED;

		LaunchOnStartup(ArchiveLauncher launcher, ArchiveProperties properties, Clock clock, JdbcTemplate demoQueries,
				CallbackRegistration registration, Environment environment) {
			this.launcher = launcher;
			this.properties = properties;
			this.clock = clock;
			this.demoQueries = demoQueries;
			this.registration = registration;
			this.environment = environment;
		}

		@Override
		public void run(org.springframework.boot.ApplicationArguments args) throws Exception {
			if (this.properties.job() == ArchiveProperties.Job.REGISTER_CALLBACK) {
				CallbackProperties callback = CallbackProperties.of(this.environment);
				this.exitCode = this.registration.register(callback.url(), callback.channel(), callback.token());
				return;
			}
			if (this.properties.job() == ArchiveProperties.Job.SNAPSHOT_CAPTURE) {
				Instant slot = this.properties.effectiveCaptureSlot(this.clock);
				this.exitCode = this.launcher.capture(slot, this.properties.captureInterval(),
						LocalDate.ofInstant(slot, this.properties.timeZone()));
				return;
			}
			// catching up: in date order, and never past a failed night, so the archive stays gap-free
			for (LocalDate runDate : this.properties.runDates(this.clock)) {
				this.exitCode = this.launcher.launch(runDate, this.properties.rerun());
				if (this.exitCode != ExitCodes.COMPLETED) {
					break;
				}
			}
			if (this.demoQueries != null && this.exitCode == ExitCodes.COMPLETED) {
				DemoQuery.print(this.demoQueries, System.out);
			}
		}

		@Override
		public int getExitCode() {
			return this.exitCode;
		}

	}

}
