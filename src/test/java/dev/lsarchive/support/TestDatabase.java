package dev.lsarchive.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL the integration tests use: a database and a reader role of their own, created on a
 * Testcontainers PostgreSQL when Docker runs, else on {@code ARCHIVE_TEST_JDBC_URL}'s server, and both
 * dropped at the end. Neither server available fails the tests with a message saying so; they never
 * skip silently.
 */
public final class TestDatabase {

	/** Same image as docker-compose.yml. */
	public static final String IMAGE = "postgres:15.10-alpine";

	private static TestDatabase instance;

	private final Server server;

	private final String database;

	private final String readerRole;

	private final String jdbcUrl;

	// false for a copy: its grants name the role of the database it was copied from, whose drop drops it
	private final boolean ownsReaderRole;

	private TestDatabase(Server server, String database) {
		// the migrations create the reader role server-wide (spring.flyway.placeholders.reader_role): one of
		// this database's own, so that dropping both leaves the server as it was
		this(server, database, database + "_reader", true);
	}

	private TestDatabase(Server server, String database, String readerRole, boolean ownsReaderRole) {
		this.server = server;
		this.database = database;
		this.readerRole = readerRole;
		this.ownsReaderRole = ownsReaderRole;
		this.jdbcUrl = server.url().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
	}

	/** The database shared by every integration test of this JVM; says once which server it is on, and why. */
	public static synchronized TestDatabase get() {
		if (instance == null) {
			Server server = dockerAvailable() ? container() : localServer();
			instance = createOn(server);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				instance.drop();
				server.stop().run();
			}));
			System.out.println(instance.origin());
		}
		return instance;
	}

	/**
	 * A new, empty database (with a reader role of its own) on the same server, for a test that needs
	 * one nothing has touched; the caller drops it with {@link #drop(TestDatabase)}.
	 */
	public TestDatabase createEmpty() {
		return createOn(this.server);
	}

	/**
	 * A new database on the same server holding what this one holds, its schema history included
	 * ({@code CREATE DATABASE … TEMPLATE}), for tests that start many databases from one state instead of
	 * migrating each from nothing. The copy shares this database's reader role: its grants name it, and
	 * the migrations' checksums include its name. Nothing may be connected to this database meanwhile;
	 * the caller drops the copy with {@link #drop(TestDatabase)} before this one, which drops the role.
	 */
	public TestDatabase createCopy() {
		String copy = newName();
		try (Connection admin = this.server.connect(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + copy + " TEMPLATE " + this.database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot copy test database " + this.database + ": " + ex.getMessage(), ex);
		}
		return new TestDatabase(this.server, copy, this.readerRole, false);
	}

	/**
	 * Drops a database made by {@link #createEmpty()} or {@link #createCopy()}, whoever is still connected
	 * to it, and its own role.
	 */
	public void drop(TestDatabase created) {
		created.drop();
	}

	/**
	 * Migrates this database with the jar's migrations up to version {@code target}: {@code latest} runs
	 * all of them, the repeatable ones ({@code R__}: the reporting views and functions) included, as the
	 * job does. An earlier version runs the versioned migrations through it and no repeatable one, as every
	 * release before V18 built its schema: Flyway would run today's repeatable migrations at any target, and
	 * they read tables an older schema lacks.
	 */
	public void migrateTo(String target) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(this.jdbcUrl, username(), password())
			.locations("classpath:db/migration")
			.placeholders(Map.of("reader_role", this.readerRole))
			.target(target);
		if (!"latest".equals(target)) {
			// no file starts so: Flyway then sees no repeatable migration
			configuration.repeatableSqlMigrationPrefix("NO_REPEATABLE_MIGRATION_");
		}
		configuration.load().migrate();
	}

	/** The name of the database, on its server. */
	public String databaseName() {
		return this.database;
	}

	private static TestDatabase createOn(Server server) {
		String database = newName();
		try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Integration tests need PostgreSQL: " + server.why() + ", and the server at "
					+ server.description() + " cannot be used: " + ex.getMessage(), ex);
		}
		return new TestDatabase(server, database);
	}

	private static String newName() {
		return "lsarchive_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/** The one line that tells which PostgreSQL the tests use, and why. */
	String origin() {
		return "Integration tests use " + this.server.description() + ", in a database " + this.database
				+ " and a reader role " + this.readerRole + " of their own, both dropped at the end: "
				+ this.server.why();
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.server.username();
	}

	public String password() {
		return this.server.password();
	}

	/** The name of the reader role the migrations create for this database (never the production default). */
	public String readerRole() {
		return this.readerRole;
	}

	/** The settings that point an application started by a test at this database, as {@code --name=value}. */
	public List<String> applicationSettings() {
		return List.of("--spring.datasource.url=" + this.jdbcUrl, "--spring.datasource.username=" + username(),
				"--spring.datasource.password=" + password(),
				"--spring.flyway.placeholders.reader_role=" + this.readerRole);
	}

	/** A new connection (the caller closes it). */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, username(), password());
	}

	/**
	 * An outage of this database alone: refusing, it takes no new connection and cuts every one it has;
	 * accepting again, it is back. For a database made by {@link #createEmpty()}, whose users are the test's.
	 */
	public void acceptConnections(boolean accept) {
		try (Connection admin = this.server.connect(); Statement statement = admin.createStatement()) {
			statement.execute("ALTER DATABASE " + this.database + " ALLOW_CONNECTIONS " + accept);
			if (!accept) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
						+ this.database + "'");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot " + (accept ? "reopen" : "close") + " test database " + this.database
					+ ": " + ex.getMessage(), ex);
		}
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

	/**
	 * Drops the database, then its own reader role (which the database's grants no longer hold); says so
	 * on standard error when the server refuses, as nothing else would tell.
	 */
	void drop() {
		try (Connection admin = this.server.connect(); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
			if (this.ownsReaderRole) {
				statement.execute("DROP ROLE IF EXISTS " + this.readerRole);
			}
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + this.database + " or role " + this.readerRole + ": "
					+ ex.getMessage());
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
	private static Server container() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
				"Testcontainers " + IMAGE, "Docker is available", container::stop);
	}

	private static Server localServer() {
		String url = env("ARCHIVE_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		String user = env("ARCHIVE_TEST_JDBC_USER", "postgres");
		// the URL's parameters may carry a password: they are not printed
		return new Server(url, user, env("ARCHIVE_TEST_JDBC_PASSWORD", ""),
				"the PostgreSQL at ARCHIVE_TEST_JDBC_URL=" + url.replaceFirst("\\?.*", "") + " (user " + user + ")",
				"Docker is not available for Testcontainers", () -> {
				});
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * A server the tests create their databases on.
	 *
	 * @param url JDBC URL of a database to connect to for creating and dropping others
	 * @param description which server it is, for people
	 * @param why why the tests use it
	 * @param stop what ends it when the tests end
	 */
	private record Server(String url, String username, String password, String description, String why,
			Runnable stop) {

		Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

	}

}
