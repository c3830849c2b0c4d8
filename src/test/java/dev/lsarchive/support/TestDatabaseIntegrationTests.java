package dev.lsarchive.support;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests' PostgreSQL: it says which server it is and why, and leaves nothing on that server. */
class TestDatabaseIntegrationTests {

	@Test
	void saysInOneLineWhichPostgreSqlTheTestsUseAndWhy() {
		// given
		TestDatabase database = TestDatabase.get();

		// when
		String origin = database.origin();

		// then
		assertThat(origin).doesNotContain("\n")
			.contains(" in a database " + database.databaseName() + " and a reader role "
					+ database.readerRole() + " of their own, both dropped at the end: ")
			.matches("Integration tests use (Testcontainers postgres:15\\.10-alpine, .*: Docker is available"
					+ "|the PostgreSQL at ARCHIVE_TEST_JDBC_URL=jdbc:postgresql://[^?\\s]+ \\(user \\S+\\), .*"
					+ ": Docker is not available for Testcontainers)");
	}

	@Test
	void theMigrationsCreateAReaderRoleOfTheTestDatabasesOwn() throws Exception {
		// given
		TestDatabase database = TestDatabase.get();

		// when
		ArchiveRun.migrateOnly();

		// then: not the production default that a server shares between databases
		assertThat(database.readerRole()).isNotEqualTo("livestation_reader")
			.isEqualTo(database.databaseName() + "_reader");
		assertThat(ArchiveTables.rows("SELECT has_schema_privilege('" + database.readerRole()
				+ "', 'reporting', 'USAGE') AS reads")).containsExactly(Map.of("reads", true));
	}

	@Test
	void aTestDatabaseLeavesNeitherItselfNorItsReaderRoleBehind() throws Exception {
		// given: a database of its own, migrated, its reader role created and granted
		TestDatabase another = TestDatabase.get().createEmpty();
		ArchiveRun.migrateOnly(another);
		assertThat(onServer(another.databaseName(), another.readerRole())).containsExactly(1L, 1L);

		// when
		another.drop();

		// then
		assertThat(onServer(another.databaseName(), another.readerRole())).containsExactly(0L, 0L);
	}

	private static List<Long> onServer(String database, String role) {
		Map<String, Object> found = ArchiveTables.rows("SELECT (SELECT count(*) FROM pg_database WHERE datname = '"
				+ database + "') AS databases, (SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "') AS roles")
			.get(0);
		return List.of((Long) found.get("databases"), (Long) found.get("roles"));
	}

}
