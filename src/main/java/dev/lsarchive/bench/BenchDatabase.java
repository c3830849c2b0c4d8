package dev.lsarchive.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own for one benchmark, created next to the configured one (same server and
 * credentials) so that the user's archive is never touched, and dropped afterwards.
 *
 * @param url JDBC URL of the benchmark database
 * @param username user
 * @param password password
 */
record BenchDatabase(String url, String username, String password) {

	static BenchDatabase create(String configuredUrl, String username, String password) throws SQLException {
		String name = "livestation_bench_" + System.currentTimeMillis();
		try (Connection admin = DriverManager.getConnection(configuredUrl, username, password);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return new BenchDatabase(configuredUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), username, password);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	String name() {
		return this.url.replaceFirst("^.*/([^/?]+).*$", "$1");
	}

	void drop(String configuredUrl) throws SQLException {
		try (Connection admin = DriverManager.getConnection(configuredUrl, this.username, this.password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
		}
	}

}
