package dev.lsarchive.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.env.Environment;

/**
 * A database of its own for one benchmark, created next to the configured one (same server and
 * credentials) so that the user's archive is never touched, and dropped afterwards.
 *
 * @param url JDBC URL of the benchmark database
 * @param username user
 * @param password password
 * @param configuredUrl JDBC URL of the configured database, through which it is created and dropped
 */
record BenchDatabase(String url, String username, String password, String configuredUrl) {

	private static final AtomicInteger CREATED = new AtomicInteger();

	/** Creates a database beside the one {@code spring.datasource.*} configures. */
	static BenchDatabase create(Environment environment) throws SQLException {
		String configuredUrl = environment.getRequiredProperty("spring.datasource.url");
		String username = environment.getProperty("spring.datasource.username", "postgres");
		String password = environment.getProperty("spring.datasource.password", "");
		String name = "livestation_bench_" + System.currentTimeMillis() + "_" + CREATED.incrementAndGet();
		try (Connection admin = DriverManager.getConnection(configuredUrl, username, password);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return new BenchDatabase(configuredUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), username, password,
				configuredUrl);
	}

	/** The command-line settings that point a job at this database. */
	List<String> settings() {
		return List.of("--spring.datasource.url=" + this.url, "--spring.datasource.username=" + this.username,
				"--spring.datasource.password=" + this.password);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	String name() {
		return this.url.replaceFirst("^.*/([^/?]+).*$", "$1");
	}

	void drop() throws SQLException {
		try (Connection admin = DriverManager.getConnection(this.configuredUrl, this.username, this.password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
		}
	}

}
