package dev.lsarchive.reporting;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.Simulators;

import static dev.lsarchive.support.ArchiveTables.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The data dictionary in docs/ describes the schema the migrations build, comment for comment. */
class DataDictionaryIntegrationTests {

	@Test
	void theDictionaryMatchesTheMigratedSchema() throws Exception {
		// given: a migrated schema
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.rerun=true");
		}

		// when
		String generated = DataDictionary.render();
		if (Boolean.getBoolean("dictionary.write")) {
			Files.createDirectories(Path.of("docs"));
			Files.writeString(Path.of(DataDictionary.PATH), generated);
		}

		// then
		assertThat(Path.of(DataDictionary.PATH)).as("regenerate it: see the first lines of " + DataDictionary.PATH)
			.content()
			.isEqualTo(generated);
	}

	@Test
	void everyTableViewColumnAndFunctionOfTheContractHasAComment() throws Exception {
		// given
		try (LiveStationSimulator simulator = Simulators.start(SimulatorProperties.of(1, 1))) {
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.rerun=true");
		}

		// then
		assertThat(count("""
				SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname IN ('livestation', 'reporting') AND c.relkind IN ('r', 'v', 'm')
				  AND obj_description(c.oid, 'pg_class') IS NULL""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname IN ('livestation', 'reporting') AND c.relkind IN ('r', 'v', 'm')
				  AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
				WHERE n.nspname IN ('livestation', 'reporting') AND obj_description(p.oid, 'pg_proc') IS NULL""")).isZero();
	}

}
