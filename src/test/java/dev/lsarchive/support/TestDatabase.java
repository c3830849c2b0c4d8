package dev.lsarchive.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL the integration tests use: a Testcontainers PostgreSQL when Docker runs, else a
 * database of its own, created on {@code ARCHIVE_TEST_JDBC_URL}'s server and dropped at the end.
 * Neither available fails the tests with a message saying so; they never skip silently.
 */
public final class TestDatabase {

	/** Same image as docker-compose.yml. */
	public static final String IMAGE = "postgres:15.10-alpine";

	private static TestDatabase instance;

	private final String jdbcUrl;

	private final String username;

	private final String password;

	private TestDatabase(String jdbcUrl, String username, String password) {
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
	}

	/**
	 * A new, empty database on the same server, for a test that needs one nothing has touched; the
	 * caller drops it with {@link #drop(TestDatabase)}.
	 */
	public TestDatabase createEmpty() {
		String database = "lsarchive_empty_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the database " + database + ": " + ex.getMessage(), ex);
		}
		return new TestDatabase(onDatabase(this.jdbcUrl, database), this.username, this.password);
	}

	/** Drops a database made by {@link #createEmpty()}, whoever is still connected to it. */
	public void drop(TestDatabase created) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + created.databaseName() + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop the database " + created.databaseName() + ": " + ex.getMessage(),
					ex);
		}
	}

	/** Migrates this database with the jar's migrations up to version {@code target} ({@code latest}: all of them). */
	public void migrateTo(String target) {
		Flyway.configure()
			.dataSource(this.jdbcUrl, this.username, this.password)
			.locations("classpath:db/migration")
			.placeholders(Map.of("reader_role", "livestation_reader"))
			.target(target)
			.load()
			.migrate();
	}

	/** The name of the database, as PostgreSQL reports it. */
	public String databaseName() {
		try (Connection connection = connect()) {
			return connection.getCatalog();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The database shared by every integration test of this JVM. */
	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = dockerAvailable() ? container() : localServer();
		}
		return instance;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/** A new connection (the caller closes it). */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.username, this.password);
	}

	/** Empties every archive and job-repository table, so that each test starts from nothing. */
	public void reset() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					DO $$ BEGIN
					  IF to_regclass('livestation.channel') IS NOT NULL THEN
					    -- every table the archive and the job repository write, whatever migration added it
					    EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')
					             FROM pg_tables
					             WHERE (schemaname IN ('livestation', 'batch') AND tablename <> 'flyway_schema_history')
					                OR (schemaname = 'reporting' AND tablename <> 'setting'));
					  END IF;
					END $$""");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reset the test database: " + ex.getMessage(), ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("resource")
	private static TestDatabase container() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static TestDatabase localServer() {
		String serverUrl = env("ARCHIVE_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		String user = env("ARCHIVE_TEST_JDBC_USER", "postgres");
		String password = env("ARCHIVE_TEST_JDBC_PASSWORD", "");
		String database = "lsarchive_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Integration tests need PostgreSQL: Docker is not available for"
					+ " Testcontainers, and the server at ARCHIVE_TEST_JDBC_URL=" + serverUrl + " (user " + user
					+ ") cannot be used: " + ex.getMessage(), ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
					Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				System.err.println("Could not drop test database " + database + ": " + ex.getMessage());
			}
		}));
		return new TestDatabase(onDatabase(serverUrl, database), user, password);
	}

	private static String onDatabase(String jdbcUrl, String database) {
		return jdbcUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
