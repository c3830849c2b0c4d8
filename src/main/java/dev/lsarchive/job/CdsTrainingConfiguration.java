package dev.lsarchive.job;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * {@code cds-training} profile: the nightly run's context, built only to record which classes a start
 * loads (class data sharing), where there is no database. Flyway and the connection pool are
 * configured as for a run, so that their classes are recorded too, but nothing reaches a server:
 * Flyway never migrates, and a connection answers only which database it is (Spring Batch asks when
 * its job repository is built); every other use of it fails.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cds-training")
class CdsTrainingConfiguration {

	@Bean
	FlywayMigrationStrategy neverMigrateWhileTraining() {
		return (flyway) -> {
		};
	}

	@Bean
	static BeanPostProcessor noDatabaseWhileTraining() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource pool) ? new NoDatabase(pool) : bean;
			}
		};
	}

	/** A data source whose connections never reach the server: they name PostgreSQL and refuse the rest. */
	static final class NoDatabase extends DelegatingDataSource {

		NoDatabase(DataSource pool) {
			super(pool);
		}

		@Override
		public Connection getConnection() {
			return refusing(Connection.class, (method) -> switch (method) {
				case "getMetaData" -> refusing(DatabaseMetaData.class, (asked) -> switch (asked) {
					case "getDatabaseProductName" -> "PostgreSQL";
					default -> null;
				});
				case "close", "isClosed" -> false;
				default -> null;
			});
		}

		@Override
		public Connection getConnection(String username, String password) {
			return getConnection();
		}

		// a proxy that answers the names it knows (a non-null answer) and throws on any other method
		private static <T> T refusing(Class<T> type, java.util.function.Function<String, Object> answers) {
			return type.cast(Proxy.newProxyInstance(CdsTrainingConfiguration.class.getClassLoader(),
					new Class<?>[] { type }, (proxy, method, args) -> {
						Object answer = answers.apply(method.getName());
						if (answer != null) {
							return (method.getReturnType() == void.class) ? null : answer;
						}
						throw new SQLException("the cds-training run has no database (" + type.getSimpleName() + "."
								+ method.getName() + ")");
					}));
		}

	}

}
