package dev.lsarchive.job;

import java.time.Clock;

import org.flywaydb.core.Flyway;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.config.ExitCodes;

/**
 * {@code health} profile: check the archive instead of running the job (no API keys needed). A probe
 * never changes what it watches: nothing migrates, no job repository is built, and the connection is
 * read-only ({@code application-health.properties}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("health")
@EnableConfigurationProperties(ArchiveProperties.class)
class HealthConfiguration {

	// Flyway stays configured by spring.flyway.* so that the check compares the schema with the
	// migrations this jar ships, but it never migrates: an empty or older schema is reported
	@Bean
	FlywayMigrationStrategy neverMigrate() {
		return (flyway) -> {
		};
	}

	@Bean
	CheckOnStartup checkOnStartup(JdbcTemplate jdbc, Flyway flyway, ArchiveProperties properties) {
		return new CheckOnStartup(new HealthCheck(jdbc, flyway, System.out, properties.captureStaleAfter(),
				properties.timeZone(), Clock.systemUTC()), properties);
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
