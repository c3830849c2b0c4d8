package dev.lsarchive.job;

import java.time.Clock;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.config.ArchiveProperties;

/** {@code health} profile: check the archive instead of running the job (no API keys needed). */
@Configuration(proxyBeanMethods = false)
@Profile("health")
@EnableConfigurationProperties(ArchiveProperties.class)
class HealthConfiguration {

	@Bean
	CheckOnStartup checkOnStartup(JdbcTemplate jdbc, ArchiveProperties properties) {
		return new CheckOnStartup(new HealthCheck(jdbc, System.out, properties.captureStaleAfter(), Clock.systemUTC()),
				properties);
	}

	/** Runs the check once and reports its exit code. */
	static final class CheckOnStartup implements ApplicationRunner, ExitCodeGenerator {

		private final HealthCheck check;

		private final ArchiveProperties properties;

		private int exitCode = ExitCodes.UNHEALTHY;

		CheckOnStartup(HealthCheck check, ArchiveProperties properties) {
			this.check = check;
			this.properties = properties;
		}

		@Override
		public void run(org.springframework.boot.ApplicationArguments args) {
			this.exitCode = this.check.check(this.properties.effectiveRunDate(Clock.systemUTC()));
		}

		@Override
		public int getExitCode() {
			return this.exitCode;
		}

	}

}
