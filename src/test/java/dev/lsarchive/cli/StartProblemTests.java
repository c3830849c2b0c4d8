package dev.lsarchive.cli;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.SimpleCommandLinePropertySource;

import dev.lsarchive.config.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A database that refuses the job is a setting to fix (2); one that does not answer may come back (75). */
class StartProblemTests {

	@Test
	void refusalsAreSettingsToFix() {
		for (String state : new String[] { "3D000", "28000", "28P01", "42501" }) {
			// given
			RuntimeException failure = new IllegalStateException("Failed to initialize pool",
					new SQLException("FATAL: refused for a reason", state));

			// when
			StartProblem problem = StartProblem.of(failure).orElseThrow();

			// then
			assertThat(problem.exitCode()).as(state).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(problem.lines()).as(state)
				.singleElement()
				.asString()
				.startsWith("the database refused the job: refused for a reason; ")
				.containsAnyOf("ARCHIVE_JDBC_", "grant the database user")
				.endsWith("nothing was done");
		}
	}

	@Test
	void anArgumentSpringCannotReadIsASettingToFixInOneLine() {
		// given: what Spring's command-line parser throws for "--=x", before any setting is read
		Throwable failure = catchThrowable(() -> new SimpleCommandLinePropertySource("--archive.run-date=2026-11-19", "--=x"));

		// when
		StartProblem problem = StartProblem.of(failure).orElseThrow();

		// then
		assertThat(problem.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(problem.lines()).containsExactly(
				"'--=x' is not understood: settings are given as --name=value; see --help");
	}

	@Test
	void aServerThatDoesNotAnswerIsTransient() {
		// given
		RuntimeException failure = new IllegalStateException("Unable to obtain connection",
				new SQLException("Connection to db.internal:5433 refused.", "08001", new ConnectException("refused")));

		// when
		StartProblem problem = StartProblem.of(failure).orElseThrow();

		// then
		assertThat(problem.exitCode()).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
		assertThat(problem.lines()).singleElement().asString().contains("db.internal:5433", "launch again");
	}

	@Test
	void anUpgradeAMigrationRefusesIsOneLineSayingWhatToDo() {
		// given: what Flyway wraps when a migration raises its own exception
		RuntimeException failure = new IllegalStateException("Migration V18__session_tables_written_out.sql failed",
				new SQLException("ERROR: views of your own read them: analyst.long_sessions; drop them, run the job once\n"
						+ "  Where: PL/pgSQL function inline_code_block line 15 at RAISE", "P0001"));

		// when
		StartProblem problem = StartProblem.of(failure).orElseThrow();

		// then
		assertThat(problem.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(problem.lines()).singleElement()
			.isEqualTo("the archive's schema cannot be upgraded: views of your own read them: analyst.long_sessions;"
					+ " drop them, run the job once; the run did not start");
	}

	@Test
	void otherFailuresAreLeftToTheFramework() {
		assertThat(StartProblem.of(new IllegalStateException("a bug", new NullPointerException()))).isEmpty();
		assertThat(StartProblem.of(new IllegalStateException("API down", new ConnectException("refused")))).isEmpty();
	}

}
