package dev.lsarchive.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ArchiveProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL cannot read the Java constant that names the jobs ({@link ArchiveProperties.Job}), so the
 * reporting layer's definitions and the report queries write the names out: this keeps them the same
 * name, so that renaming a job fails the build instead of emptying a view.
 */
class JobNamesInSqlTests {

	private static final Pattern JOB_NAME_LITERAL = Pattern.compile("job_name\\s*(?:=|<>)\\s*'([^']*)'");

	@Test
	void everyJobNameTheSqlWritesOutIsTheNameOfAJob() throws IOException {
		// given
		List<String> jobNames = Arrays.stream(ArchiveProperties.Job.values()).map(ArchiveProperties.Job::jobName).toList();
		List<String> named = new ArrayList<>();

		// when
		for (Path file : sqlFiles()) {
			Matcher literal = JOB_NAME_LITERAL.matcher(Files.readString(file));
			while (literal.find()) {
				named.add(file.getFileName() + ": " + literal.group(1));
			}
		}

		// then
		assertThat(named).as("job names written in the reporting layer's SQL").isNotEmpty();
		assertThat(named).allSatisfy((entry) -> assertThat(jobNames).contains(entry.substring(entry.indexOf(": ") + 2)));
	}

	// the current definitions: repeatable migrations and report queries (landed versioned ones never change)
	private static List<Path> sqlFiles() throws IOException {
		try (Stream<Path> repeatable = Files.list(Path.of("db/migration"));
				Stream<Path> reports = Files.list(Path.of("db/reports"))) {
			return Stream.concat(repeatable.filter((file) -> file.getFileName().toString().startsWith("R__")), reports)
				.filter((file) -> file.toString().endsWith(".sql"))
				.sorted()
				.toList();
		}
	}

}
