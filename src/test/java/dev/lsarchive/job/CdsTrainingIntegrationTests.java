package dev.lsarchive.job;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.Job;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lsarchive.ArchiveApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The class-data-sharing training run (profile {@code cds-training}) builds the nightly run's context
 * where there is no database and no API, and reaches neither: its database URL points at a port where
 * nothing listens, so any connection attempt during the start would fail it.
 */
class CdsTrainingIntegrationTests {

	@Test
	void theTrainingContextIsTheNightlyRunsWithoutADatabaseAMigrationOrALaunch() throws Exception {
		// when
		try (ConfigurableApplicationContext context = SpringApplication.run(ArchiveApplication.class,
				"--spring.profiles.active=cds-training")) {
			// then: the nightly run's beans are built, Flyway included, but no job is launched
			assertThat(context.getBean("archiveJob", Job.class)).isNotNull();
			assertThat(context.getBean(Flyway.class)).isNotNull();
			assertThat(context.getBeansOfType(LauncherConfiguration.LaunchOnStartup.class)).isEmpty();
			// and nothing of the actuator, which only the callback receiver serves: no endpoint, no health contributor
			assertThat(context.getBeanDefinitionNames())
				.filteredOn((name) -> name.matches(".*\\.(actuate|health)\\..*") || name.matches("(?i).*health.*"))
				.isEmpty();
			// and a connection names its database but does nothing else
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
				assertThatExceptionOfType(SQLException.class).isThrownBy(connection::createStatement)
					.withMessageContaining("has no database");
			}
			assertThat(SpringApplication.exit(context)).isZero();
		}
	}

}
