package dev.lsarchive.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** What a start refuses before anything runs, told one line a problem, every problem at once. */
class SettingsCheckTests {

	private static final String DATABASE = "--spring.datasource.url=jdbc:postgresql://db.internal:5432/archive";

	private static final String KEYS = "--livestation.api.access-key=a --livestation.api.secret-key=s";

	@Test
	void aMistypedSettingIsRefusedWithTheNearestName() {
		// when
		List<String> problems = problems(DATABASE, KEYS, "--archive.run-dat=2026-11-19");

		// then
		assertThat(problems).singleElement()
			.asString()
			.contains("--archive.run-dat is not a setting", "did you mean --archive.run-date?");
	}

	@Test
	void bareWordsAreRefusedAndHelpIsSuggested() {
		// when
		List<String> help = problems(DATABASE, KEYS, "help");
		List<String> dashV = problems(DATABASE, KEYS, "-v");
		List<String> missingDashes = problems(DATABASE, KEYS, "archive.run-date=2026-11-19");

		// then
		assertThat(help).singleElement().asString().contains("'help' is not understood", "did you mean --help?");
		assertThat(dashV).singleElement().asString().contains("'-v' is not understood", "--name=value", "--version");
		assertThat(missingDashes).singleElement().asString().contains("did you mean --archive.run-date=...?");
	}

	@Test
	void aSecretOnTheCommandLineIsWarnedAboutWithoutItsValueAndTheSimulatorsMadeUpKeysAreNot() {
		// given
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--livestation.api.secret-key=s3cr3t",
				"--livestation.api.access-key=a", "--simulator.secret-key=made-up", "--archive.callback.token="));

		// when
		List<String> warnings = SettingsCheck.secretsOnTheCommandLine(environment);

		// then
		assertThat(warnings).singleElement().asString()
			.startsWith("WARNING --livestation.api.secret-key was given on the command line")
			.contains("set the environment variable LIVESTATION_API_SECRETKEY")
			.doesNotContain("s3cr3t");
	}

	@Test
	void aValueAfterASpaceIsRefusedWithTheSettingItWasMeantFor() {
		// when
		List<String> problems = problems(DATABASE, KEYS, "--archive.run-date 2026-11-01");

		// then
		assertThat(problems).anySatisfy((line) -> assertThat(line).contains("'2026-11-01' is not understood",
				"did you mean --archive.run-date=2026-11-01?"));
	}

	@Test
	void aKeyWithoutItsPrefixOrAMisspeltProfileKeyIsRefusedWithTheSettingMeant() {
		// when
		List<String> runDate = problems(DATABASE, KEYS, "--run-date=2026-11-20");
		List<String> job = problems(DATABASE, KEYS, "--job=snapshot-capture");
		List<String> unknown = problems(DATABASE, KEYS, "--dry-run");
		List<String> profileKey = problems(DATABASE, KEYS, "--spring.profile.active=demo");
		List<String> helpWithValue = problems(DATABASE, KEYS, "--help=1");
		List<String> twoProfiles = problems(DATABASE, KEYS, "--spring.profiles.active=demo,health");
		List<String> dashV = problems(DATABASE, KEYS, "-v");

		// then
		assertThat(runDate).singleElement().asString().contains("did you mean --archive.run-date?");
		assertThat(job).singleElement().asString().contains("did you mean --archive.job?");
		assertThat(unknown).singleElement().asString().contains("--dry-run is not a setting");
		assertThat(profileKey).singleElement().asString().contains("did you mean --spring.profiles.active?");
		assertThat(helpWithValue).singleElement().asString().contains("did you mean --help?");
		assertThat(twoProfiles).singleElement().asString().contains("more than one profile");
		assertThat(dashV).singleElement().asString().contains("did you mean --version?");
	}

	@Test
	void aValueAfterASpaceIsRefusedWithoutShowingIt() {
		// when: the secret key given as "--livestation.api.secret-key s3cr3t-value"
		List<String> problems = problems(DATABASE, "--livestation.api.access-key=a", "--livestation.api.secret-key",
				"s3cr3t-value");

		// then
		assertThat(String.join("\n", problems)).contains("no space around '='").doesNotContain("s3cr3t-value");
	}

	@Test
	void anUnknownProfileIsRefusedWithTheNearestOne() {
		// when
		List<String> problems = problems(DATABASE, KEYS, "--spring.profiles.active=healthz");

		// then
		assertThat(problems).singleElement()
			.asString()
			.contains("spring.profiles.active=healthz is not a profile", "did you mean health?",
					"demo, health, bench, simulator, cds-training");
	}

	@Test
	void aMisspeltProfileIsTheOnlyProblemToldNotWhatTheNightlyRunWouldNeed() {
		// when: no keys and no database, which the demo meant would not need
		List<String> problems = problems("--spring.profiles.active=dmeo");

		// then
		assertThat(problems).singleElement().asString().contains("dmeo is not a profile", "did you mean demo?");
	}

	@Test
	void aDurationWithoutItsUnitIsRefusedRatherThanReadAsMilliseconds() {
		// when
		List<String> bare = problems(DATABASE, KEYS, "--archive.callback-grace=15");
		List<String> withUnit = problems(DATABASE, KEYS, "--archive.callback-grace=15m");

		// then
		assertThat(bare).singleElement()
			.asString()
			.startsWith("archive.callback-grace=15 is not valid")
			.contains("15m", "with its unit", "milliseconds");
		assertThat(withUnit).isEmpty();
	}

	@Test
	void everyProblemIsToldAtOnceWithTheFormItExpects() {
		// when
		List<String> problems = problems(DATABASE, "--livestation.api.access-key=a", "--archive.job=bogus",
				"--archive.run-date=2026-1-4", "--archive.capture-interval=often", "--archive.event-threads=0",
				"--archive.capture-slot=01:15");

		// then
		assertThat(problems).hasSize(6);
		assertThat(problems).anySatisfy((line) -> assertThat(line).startsWith("archive.job=bogus")
			.contains("one of nightly, snapshot-capture")
			.doesNotContain("No enum constant", "dev.lsarchive"));
		assertThat(problems).anySatisfy((line) -> assertThat(line).startsWith("archive.run-date=2026-1-4")
			.contains("YYYY-MM-DD")
			.doesNotContain("index"));
		assertThat(problems).anySatisfy((line) -> assertThat(line).startsWith("archive.capture-interval=often")
			.contains("15m"));
		assertThat(problems).anySatisfy((line) -> assertThat(line).startsWith("archive.capture-slot=01:15")
			.contains("2026-11-26T01:15:00Z"));
		assertThat(problems).anySatisfy((line) -> assertThat(line).startsWith("archive.event-threads=0"));
		assertThat(problems).anySatisfy((line) -> assertThat(line).contains("livestation.api.secret-key is not set"));
	}

	@Test
	void aRealRunNeedsADatabaseAndTheDemoDoesNot() {
		// when
		List<String> nightly = problems(KEYS);
		List<String> health = problems("--spring.profiles.active=health");
		List<String> demo = problems(KEYS, "--spring.profiles.active=demo");

		// then
		assertThat(nightly).singleElement().asString().contains("no database is set", "ARCHIVE_JDBC_URL");
		assertThat(health).singleElement().asString().contains("no database is set");
		assertThat(demo).isEmpty();
	}

	@Test
	void theCallbackRegistrationNeedsTheApiKeysAndNoDatabase() {
		// when
		List<String> registration = problems(KEYS, "--archive.job=register-callback",
				"--archive.callback.url=https://archive.example/callbacks/t0ken");
		List<String> withNothing = problems("--archive.job=register-callback");

		// then: every missing setting at once, and no database among them
		assertThat(registration).isEmpty();
		assertThat(withNothing).hasSize(3)
			.allSatisfy((line) -> assertThat(line).contains("is not set").doesNotContain("database"))
			.anySatisfy((line) -> assertThat(line).startsWith("archive.callback.url is not set")
				.contains("set the environment variable ARCHIVE_CALLBACK_URL"));
	}

	@Test
	void aLibpqUrlIsRefusedWithoutShowingItsPassword() {
		// when
		List<String> problems = problems(KEYS, "--spring.datasource.url=postgres://archiver:pa55word@db/archive");

		// then
		assertThat(problems).singleElement()
			.asString()
			.contains("not a PostgreSQL JDBC URL", "jdbc:postgresql://host:5432/database")
			.doesNotContain("pa55word");
	}

	@Test
	void springBootsOwnKeysAndRelaxedNamesAreAccepted() {
		// when
		List<String> problems = problems(DATABASE, KEYS, "--archive.runDate=2026-11-20",
				"--archive.event_chunk_size=500", "--logging.level.dev.lsarchive=DEBUG",
				"--management.metrics.tags.site=seoul", "--spring.main.lazy-initialization=false", "--debug", "--server.port=0",
				"--simulator.faults.failing-channels[0]=ls-1", "--archive.job=snapshot-capture");

		// then
		assertThat(problems).isEmpty();
	}

	@Test
	void theSimulatorsExtraFieldsMustBeNewFieldNames() {
		// when
		List<String> fresh = problems(KEYS, "--spring.profiles.active=demo", "--simulator.extra-fields=futureFlag,cdn.edgeRegion");
		List<String> sentAlready = problems(KEYS, "--spring.profiles.active=demo", "--simulator.extra-fields=channelId,cdn.cdnType");
		List<String> malformed = problems(KEYS, "--spring.profiles.active=demo", "--simulator.extra-fields=cdn..region");

		// then
		assertThat(fresh).isEmpty();
		assertThat(sentAlready).hasSize(2)
			.allSatisfy((line) -> assertThat(line).startsWith("simulator.extra-fields: ")
				.contains("sends already", "SIMULATOR_EXTRAFIELDS"));
		assertThat(malformed).singleElement()
			.asString()
			.contains("simulator.extra-fields", "cdn..region", "futureFlag or cdn.edgeRegion");
	}

	@Test
	void aVariableOfTheSettingsFileThatNothingReadsIsRefusedWithTheNearestName() {
		// given: the variables the wrapper read from its settings file, and a configuration file's placeholder
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(DATABASE.split(" ")));
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'class path resource [application.properties]'",
					Map.of("spring.datasource.password", "${ARCHIVE_JDBC_PASSWORD:}")));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("wrapper", Map.of(SettingsCheck.SETTINGS_FILE_VARIABLES,
					"ARCHIVE_JDBC_PASSWORD,LIVESTATION_API_ACCESSKEY,ARCHIVE_TIMEZNE,ARCHIVE_SUMMARY_FILE,ARCHIVE_SUMMARYFILE,"
							+ "SPRING_PROFILES_ACTIVE,TZ,ARCHIVE_CALLBACK_TOKEN,ARCHIVE_LOG",
					SettingsCheck.WRAPPER_VARIABLES, "ARCHIVE_HOME,ARCHIVE_LOGS")));

		// when
		List<String> problems = SettingsCheck.unknownVariables(environment, KnownSettings.load());

		// then: Spring binds a dash written as an underscore too; a misspelt name of the wrapper's is told as one
		assertThat(problems).containsExactly(
				"ARCHIVE_TIMEZNE in the settings file is not a variable livestation-archive reads (did you mean"
						+ " ARCHIVE_TIMEZONE?): correct its name, or remove it",
				"ARCHIVE_LOG in the settings file is not a variable livestation-archive reads (did you mean"
						+ " ARCHIVE_LOGS?): correct its name, or remove it");
	}

	private static List<String> problems(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		String[] split = String.join(" ", args).split(" ");
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(split));
		String profiles = environment.getProperty("spring.profiles.active");
		if (profiles != null) {
			environment.setActiveProfiles(profiles.split(","));
		}
		return SettingsCheck.problems(environment);
	}

}
