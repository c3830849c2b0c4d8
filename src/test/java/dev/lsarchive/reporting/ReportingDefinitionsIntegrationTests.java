package dev.lsarchive.reporting;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One definition per reporting object: every view and function of schema {@code reporting} is created
 * by exactly one repeatable migration ({@code db/migration/R__*.sql}), none by two, and no repeatable
 * migration creates a table (tables, which hold data, belong to versioned migrations).
 */
class ReportingDefinitionsIntegrationTests {

	private static final String REPORTING_OBJECTS = """
			SELECT (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm')
			UNION ALL
			SELECT (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity
			FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			WHERE n.nspname = 'reporting'
			ORDER BY 1
			""";

	private static final Set<String> HOLDING_DATA = Set.of("table", "materialized view");

	@Test
	void everyReportingViewAndFunctionIsCreatedByExactlyOneRepeatableMigrationAndNoneCreatesATable()
			throws Exception {
		// given: a fresh database, migrated
		TestDatabase fresh = TestDatabase.get().createEmpty();
		try {
			fresh.migrateTo("latest");
			List<String> reportingObjects = new JdbcTemplate(
					new DriverManagerDataSource(fresh.jdbcUrl(), fresh.username(), fresh.password()))
				.queryForList(REPORTING_OBJECTS, String.class);

			// when: each repeatable migration runs again, what it creates noted
			List<RepeatableMigrations.Created> created = RepeatableMigrations.rerun(fresh);

			// then
			Map<String, Set<String>> filesByObject = created.stream()
				.collect(Collectors.groupingBy(RepeatableMigrations.Created::identity, TreeMap::new,
						Collectors.mapping(RepeatableMigrations.Created::file, Collectors.toCollection(TreeSet::new))));
			assertThat(reportingObjects).isNotEmpty()
				.allSatisfy((object) -> assertThat(filesByObject.getOrDefault(object, Set.of()))
					.as("%s is created by %s: it must be by exactly one db/migration/R__<nn>_<name>.sql", object,
							filesByObject.getOrDefault(object, Set.of("no repeatable migration")))
					.hasSize(1));
			assertThat(filesByObject).allSatisfy((object, files) -> assertThat(files)
				.as("%s is created by more than one repeatable migration: %s", object, files)
				.hasSize(1));
			assertThat(created).filteredOn((creation) -> HOLDING_DATA.contains(creation.objectType()))
				.as("a repeatable migration creates no table: tables belong to versioned migrations (V<n>__*.sql)")
				.isEmpty();
			assertThat(created.stream().map(RepeatableMigrations.Created::file).distinct())
				.as("every repeatable migration defines a reporting object")
				.containsExactlyInAnyOrderElementsOf(RepeatableMigrations.files());
		}
		finally {
			TestDatabase.get().drop(fresh);
		}
	}

}
