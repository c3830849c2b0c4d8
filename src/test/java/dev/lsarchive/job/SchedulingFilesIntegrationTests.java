package dev.lsarchive.job;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scheduling definitions in jobs/ and the compose file parse, say what the README promises and
 * keep the documented rules of the scheduler they are written for (Debian's cron, systemd, Kubernetes).
 */
class SchedulingFilesIntegrationTests {

	// the settings file's variables the wrapper names to the job (its own, ARCHIVE_JAVA_OPTIONS, are not)
	private static final String VARIABLES = "-Dlivestation-archive.settings-file-variables=ARCHIVE_JDBC_URL"
			+ " -Dlivestation-archive.wrapper-variables=ARCHIVE_SETTINGS,ARCHIVE_HOME,ARCHIVE_LOGS,ARCHIVE_RELAUNCH_PAUSE,"
			+ "ARCHIVE_CDS,ARCHIVE_JAVA_OPTIONS,JAVA ";

	private static final String WRAPPER = "jobs/run-archive.sh";

	private static final String INSTALLED_WRAPPER = "/opt/livestation-archive/run-archive.sh";

	private static final String SETTINGS_FILE = "/etc/livestation-archive/archive.env";

	private static final String CRON_FILE = "jobs/cron/livestation-archive";

	/** cron(8) on Debian and Ubuntu: a file in /etc/cron.d whose name is not made of these is ignored. */
	private static final Pattern DEBIAN_CRON_D_NAME = Pattern.compile("[A-Za-z0-9_-]+");

	private static final List<String> SERVICES = List.of("livestation-archive", "livestation-archive-capture");

	private static final List<String> CRON_JOBS = List.of("jobs/kubernetes/livestation-archive-cronjob.yaml",
			"jobs/kubernetes/livestation-archive-snapshot-capture-cronjob.yaml");

	private static final String RECEIVER = "jobs/kubernetes/livestation-archive-callback-receiver.yaml";

	private static final String RECEIVER_UNIT = "livestation-archive-callback-receiver.service";

	@Test
	void theCrontabLineRunsTheLockingWrapperNightly() throws Exception {
		// given
		List<String> entries = cronEntries();

		// then
		assertThat(entries).hasSize(2);
		String[] fields = entries.stream().filter((line) -> !line.contains("--archive.job")).findFirst().orElseThrow()
			.trim().split("\\s+");
		assertThat(fields).hasSize(7);
		assertThat(Integer.parseInt(fields[0])).isBetween(0, 59);
		assertThat(Integer.parseInt(fields[1])).isBetween(0, 23);
		assertThat(List.of(fields[2], fields[3], fields[4])).containsOnly("*");
		assertThat(fields[5]).isEqualTo("livestation");
		assertThat(fields[6]).isEqualTo(INSTALLED_WRAPPER);
		String wrapper = Files.readString(Path.of(WRAPPER));
		assertThat(wrapper).contains("flock -n").contains("exit \"$status\"");
		assertThat(run("bash", "-n", WRAPPER)).isZero();
	}

	@Test
	void everyFileForEtcCronDHasANameDebiansCronReads() throws Exception {
		// given: every file of jobs/cron is meant for /etc/cron.d, and the guides name where it goes
		List<Path> files;
		try (Stream<Path> listed = Files.list(Path.of("jobs/cron"))) {
			files = listed.toList();
		}
		String guides = Files.readString(Path.of("jobs/README.md")) + Files.readString(Path.of("README.md"));
		Matcher installed = Pattern.compile("/etc/cron\\.d/([^\\s`)]+)").matcher(guides);

		// then
		assertThat(files).isNotEmpty().allSatisfy((file) -> {
			assertThat(file.getFileName().toString()).as("a name cron reads in /etc/cron.d").matches(DEBIAN_CRON_D_NAME);
			assertThat(Files.readString(file)).as("cron ignores a last line without a newline").endsWith("\n");
		});
		List<String> installedNames = new ArrayList<>();
		while (installed.find()) {
			installedNames.add(installed.group(1));
		}
		assertThat(installedNames).isNotEmpty().allSatisfy((name) -> assertThat(name).matches(DEBIAN_CRON_D_NAME));
	}

	@Test
	void theWrapperRefusesToOverlapAndPassesTheExitCodeThrough() throws Exception {
		// given: a stand-in for java that logs, prints a summary and exits with FAKE_EXIT
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, "echo noise\necho\necho \"Archive run 2026-11-20: $FAKE_STATUS\"\nexit $FAKE_EXIT\n");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);

		// when
		Result completed = runWithEnv(with(env, "0", "COMPLETED"), "bash", WRAPPER);
		Result failed = runWithEnv(with(env, "1", "FAILED"), "bash", WRAPPER);
		Result whileLocked = runWithEnv(with(env, "0", "COMPLETED"), "flock", logs.resolve(".lock-nightly").toString(),
				"bash", WRAPPER);
		Result captureWhileTheNightRuns = runWithEnv(with(env, "0", "COMPLETED"), "flock",
				logs.resolve(".lock-nightly").toString(), "bash", WRAPPER, "--archive.job=snapshot-capture");
		Result failedCapture = runWithEnv(with(env, "1", "FAILED"), "bash", WRAPPER, "--archive.job=snapshot-capture");

		// then
		assertThat(completed.code()).isZero();
		assertThat(completed.output()).isEqualTo("Archive run 2026-11-20: COMPLETED\n");
		assertThat(failed.code()).isEqualTo(1);
		assertThat(failed.output()).startsWith("Archive run 2026-11-20: FAILED").contains("exit code 1; full log:");
		assertThat(failed.output().split("Archive run 2026-11-20", -1)).as("the summary is mailed once").hasSize(2);
		assertThat(whileLocked.code()).isEqualTo(ExitCodes.ALREADY_RUNNING);
		assertThat(whileLocked.output()).contains("still going");
		assertThat(captureWhileTheNightRuns.code()).isZero();
		assertThat(captureWhileTheNightRuns.output()).as("a completed capture mails nothing").isEmpty();
		assertThat(failedCapture.code()).isEqualTo(1);
		assertThat(failedCapture.output()).contains("exit code 1; full log:");
	}

	@Test
	void theWrapperReadsTheOneSettingsFileAndRefusesToStartWithoutIt() throws Exception {
		// given: a stand-in for java that prints the database setting it was given
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, "echo \"Archive run 2026-11-20: COMPLETED into $ARCHIVE_JDBC_URL\"\n");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);
		Map<String, String> withoutSettings = new HashMap<>(env);
		withoutSettings.put("ARCHIVE_SETTINGS", home.resolve("missing.env").toString());
		Map<String, String> logsElsewhere = new HashMap<>(env);
		logsElsewhere.put("ARCHIVE_LOGS", fakeJava.resolve("logs").toString());

		// when
		Result configured = runWithEnv(env, "bash", WRAPPER);
		Result missing = runWithEnv(withoutSettings, "bash", WRAPPER);
		Result unwritableLogs = runWithEnv(logsElsewhere, "bash", WRAPPER);

		// then
		assertThat(configured.code()).isZero();
		assertThat(configured.output()).isEqualTo("Archive run 2026-11-20: COMPLETED into jdbc:postgresql://db.internal:5432/archive\n");
		assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(missing.output()).isEqualTo("livestation-archive: cannot read the settings file " + home.resolve("missing.env")
				+ ": create it (mode 0600, owned by the job's user) as jobs/README.md says, or set ARCHIVE_SETTINGS to its path\n");
		assertThat(unwritableLogs.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(unwritableLogs.output()).startsWith("livestation-archive: cannot write the log directory").hasLineCount(1);
		// cron and systemd both start the wrapper, so both read this one file unless told otherwise
		assertThat(Files.readString(Path.of(WRAPPER))).contains("settings=${ARCHIVE_SETTINGS:-" + SETTINGS_FILE + "}");
		for (String service : SERVICES) {
			assertThat(unit(service + ".service").section("Service")).doesNotContainKey("EnvironmentFile");
		}
	}

	@Test
	void theWrapperRefusesASettingsLineTheShellWouldSplitExpandOrRunWithoutPrintingItsValue() throws Exception {
		// given: a stand-in for java that prints what it was given, and settings files an operator may write
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, "echo \"Archive run 2026-11-20: COMPLETED [$ARCHIVE_JDBC_PASSWORD]\"\n");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);
		Path settings = Path.of(env.get("ARCHIVE_SETTINGS"));
		String[] refused = { "ARCHIVE_JDBC_PASSWORD=s3cret&echo INJECTED\n", "ARCHIVE_JDBC_PASSWORD='s3cret\n",
				"ARCHIVE_JAVA_OPTIONS=-Xmx512m -XX:+UseSerialGC\n", "ARCHIVE_JDBC_PASSWORD=s3cret$HOME\n",
				"ARCHIVE_JDBC_PASSWORD=s3cret\r\n", "ARCHIVE_JDBC_PASSWORD=s3cret:~\n",
				// systemd's EnvironmentFile=, which the receiver's unit reads the same file with, takes these otherwise
				"export ARCHIVE_JDBC_PASSWORD=s3cret\n", "ARCHIVE_JDBC_PASSWORD=s3cret # the password\n" };

		// when
		List<Result> results = new ArrayList<>();
		for (String line : refused) {
			Files.writeString(settings, "# the archive\nARCHIVE_JDBC_URL=jdbc:postgresql://db.internal:5432/archive\n" + line);
			results.add(runWithEnv(env, "bash", WRAPPER));
		}
		Files.writeString(settings, "# quoted whole\nARCHIVE_JDBC_PASSWORD='s3cret&; $x \\ \"#'  \nARCHIVE_X=\"it's\"\n");
		Result quoted = runWithEnv(env, "bash", WRAPPER);
		Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));
		Result readableByOthers = runWithEnv(env, "bash", WRAPPER);
		Map<String, String> directory = new HashMap<>(env);
		directory.put("ARCHIVE_SETTINGS", home.toString());
		Result aDirectory = runWithEnv(directory, "bash", WRAPPER);

		// then
		for (int i = 0; i < refused.length; i++) {
			assertThat(results.get(i).code()).as(refused[i]).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
			assertThat(results.get(i).output()).as(refused[i])
				.startsWith("livestation-archive: ")
				.contains("line 3")
				.hasLineCount(1)
				.doesNotContain("s3cret", "INJECTED", "COMPLETED");
		}
		assertThat(quoted.code()).isZero();
		assertThat(quoted.output()).isEqualTo("Archive run 2026-11-20: COMPLETED [s3cret&; $x \\ \"#]\n");
		assertThat(readableByOthers.code()).isZero();
		assertThat(readableByOthers.output()).contains("WARNING the settings file", "can be read by other users: chmod 0600 it");
		assertThat(aDirectory.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(aDirectory.output()).startsWith("livestation-archive: the settings file " + home + " is not a file")
			.hasLineCount(1);
	}

	@Test
	void aMisspeltVariableInTheSettingsFileStopsTheJobNamingTheOneMeant() throws Exception {
		// given: the real jar and java, and a settings file with a name nothing reads
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Files.createSymbolicLink(home.resolve("livestation-archive.jar"), Path.of("target/livestation-archive.jar").toAbsolutePath());
		Map<String, String> env = new HashMap<>(wrapperEnvironment(home, logs, Path.of("java")));
		env.put("JAVA", "java");
		Files.writeString(Path.of(env.get("ARCHIVE_SETTINGS")), "ARCHIVE_TIMEZNE=Asia/Tokyo\nLIVESTATION_API_ACCESSKEY=k\n"
				+ "LIVESTATION_API_SECRETKEY='s3cret'\nARCHIVE_RELAUNCH_PAUSE=0\n", StandardOpenOption.APPEND);

		// when
		Result result = runWithEnv(env, "bash", WRAPPER, "--archive.run-date=2026-11-20");

		// then
		assertThat(result.code()).as(result.output()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(result.output()).contains("livestation-archive: ARCHIVE_TIMEZNE in the settings file is not a variable"
				+ " livestation-archive reads (did you mean ARCHIVE_TIMEZONE?)")
			.doesNotContain("s3cret", "ARCHIVE_RELAUNCH_PAUSE", "LIVESTATION_API_ACCESSKEY in", "\tat ");
	}

	@Test
	void theWrapperPrintsARegistrationWholeAndARefusalBeforeWhereItsLogIs() throws Exception {
		// given: a stand-in for java that registers, or refuses a setting, as the job prints it
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, """
				if [ "$FAKE_EXIT" = 0 ]; then
				  echo "Registered the callback endpoint https://archive.example/callbacks/… as the default of every channel"
				else
				  echo "livestation-archive: archive.time-zone=Asia/Seol is not valid"; exit 2
				fi
				""");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);

		// when
		Result registered = runWithEnv(with(env, "0", ""), "bash", WRAPPER, "--archive.job=register-callback");
		Result refused = runWithEnv(with(env, "2", ""), "bash", WRAPPER);

		// then
		assertThat(registered.code()).isZero();
		assertThat(registered.output()).isEqualTo("Registered the callback endpoint https://archive.example/callbacks/… as"
				+ " the default of every channel\n");
		assertThat(refused.code()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
		assertThat(refused.output()).startsWith("livestation-archive: archive.time-zone=Asia/Seol is not valid\nexit code 2;"
				+ " full log: " + logs);
	}

	@Test
	void theWrapperSaysANightArchivedAlreadyIsDoneAndKeepsTwoLogsOfTheSameSecondApart() throws Exception {
		// given: a stand-in for java that logs what the launcher logs for a night archived already
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, "echo \"02:30:01.120 INFO  [main] ArchiveLauncher - Run date"
				+ " 2026-11-20 is done already (job execution 7); nothing to do. A run date is archived again with"
				+ " --archive.rerun=true.\"\n");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);

		// when
		Result first = runWithEnv(env, "bash", WRAPPER);
		Result second = runWithEnv(env, "bash", WRAPPER);

		// then
		assertThat(first.code()).isZero();
		assertThat(first.output()).isEqualTo("Run date 2026-11-20 is done already (job execution 7); nothing to do. A run"
				+ " date is archived again with --archive.rerun=true.\n");
		assertThat(second.output()).isEqualTo(first.output());
		try (var files = Files.list(logs)) {
			assertThat(files.filter((file) -> file.getFileName().toString().startsWith("run-nightly-"))).hasSize(2);
		}
	}

	@Test
	void theWrapperStartsFromTheClassDataSharingArchiveOnlyWhenItWasMadeFromTheInstalledJar() throws Exception {
		// given: a stand-in for java that prints how it was started, an installed jar and a cds directory
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, "echo \"Archive run 2026-11-20: COMPLETED started with $*\"\n");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);
		Path installed = Files.writeString(home.resolve("livestation-archive.jar"), "jar");
		Path cds = Files.createDirectories(home.resolve("cds"));
		Path extracted = Files.writeString(cds.resolve("livestation-archive.jar"), "extracted jar");
		Path archive = cds.resolve("livestation-archive.jsa");
		String plain = "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 " + VARIABLES + "-jar " + installed
				+ " --archive.run-date=2026-11-20";
		String shared = "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 " + VARIABLES + "-XX:SharedArchiveFile=" + archive
				+ " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar " + extracted + " --archive.run-date=2026-11-20";

		// when: no archive yet; then one made from the installed jar; then a jar installed after it
		Result withoutArchive = runWithEnv(env, "bash", WRAPPER, "--archive.run-date=2026-11-20");
		Files.writeString(archive, "archive");
		installed.toFile().setLastModified(System.currentTimeMillis() - 60_000);
		Result withArchive = runWithEnv(env, "bash", WRAPPER, "--archive.run-date=2026-11-20");
		installed.toFile().setLastModified(System.currentTimeMillis() + 60_000);
		Result afterANewJar = runWithEnv(env, "bash", WRAPPER, "--archive.run-date=2026-11-20");

		// then: the archive is used only with the jar it was made from; otherwise the installed jar runs as before
		assertThat(withoutArchive.output()).isEqualTo("Archive run 2026-11-20: COMPLETED started with " + plain + "\n");
		assertThat(withArchive.output()).isEqualTo("Archive run 2026-11-20: COMPLETED started with " + shared + "\n");
		assertThat(afterANewJar.output()).isEqualTo("Archive run 2026-11-20: COMPLETED started with " + plain + "\n");
		assertThat(List.of(withoutArchive.code(), withArchive.code(), afterANewJar.code())).containsOnly(0);
	}

	@Test
	void theWrapperStartsFromTheAotCacheWhenItsJavaIsTwentyFourOrNewerAndFromTheArchiveOtherwise() throws Exception {
		// given: two stand-ins for java, each in an installation whose release file names its version, and both caches
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path java25 = fakeJavaOf(home.resolve("jdk-25"), "25.0.3");
		Path java17 = fakeJavaOf(home.resolve("jdk-17"), "17.0.15");
		Path installed = Files.writeString(home.resolve("livestation-archive.jar"), "jar");
		installed.toFile().setLastModified(System.currentTimeMillis() - 60_000);
		Path cds = Files.createDirectories(home.resolve("cds"));
		Path extracted = Files.writeString(cds.resolve("livestation-archive.jar"), "extracted jar");
		Path aot = Files.writeString(cds.resolve("livestation-archive.aot"), "aot cache");
		Path archive = cds.resolve("livestation-archive.jsa");
		String options = "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 " + VARIABLES;
		String fromAot = options + "-XX:AOTCache=" + aot + " -Xlog:aot=off -Xlog:cds=off -jar " + extracted;
		String fromArchive = options + "-XX:SharedArchiveFile=" + archive
				+ " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar " + extracted;
		String plain = options + "-jar " + installed;

		// when: the AOT cache alone, with Java 25 and with Java 17; then both caches; then a jar installed after them
		Result aotWith25 = runWithEnv(wrapperEnvironment(home, logs, java25), "bash", WRAPPER);
		Result aotWith17 = runWithEnv(wrapperEnvironment(home, logs, java17), "bash", WRAPPER);
		Files.writeString(archive, "archive");
		Result bothWith25 = runWithEnv(wrapperEnvironment(home, logs, java25), "bash", WRAPPER);
		Result bothWith17 = runWithEnv(wrapperEnvironment(home, logs, java17), "bash", WRAPPER);
		installed.toFile().setLastModified(System.currentTimeMillis() + 60_000);
		Result newJarWith25 = runWithEnv(wrapperEnvironment(home, logs, java25), "bash", WRAPPER);

		// then: Java 24+ starts from the AOT cache, an older one from the archive (never from a cache it cannot read)
		String started = "Archive run 2026-11-20: COMPLETED started with ";
		assertThat(aotWith25.output()).isEqualTo(started + fromAot + "\n");
		assertThat(aotWith17.output()).isEqualTo(started + plain + "\n");
		assertThat(bothWith25.output()).isEqualTo(started + fromAot + "\n");
		assertThat(bothWith17.output()).isEqualTo(started + fromArchive + "\n");
		assertThat(newJarWith25.output()).isEqualTo(started + plain + "\n");
		// and the image's entrypoint starts from the cache its build made
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("FROM eclipse-temurin:25-jre")
			.contains("-XX:TieredStopAtLevel=1 -XX:AOTCacheOutput=/app/livestation-archive.aot")
			.contains("\"-XX:AOTCache=/app/livestation-archive.aot\"");
	}

	// a stand-in java in bin/ of an installation whose release file says JAVA_VERSION, as a JDK's does
	private static Path fakeJavaOf(Path installation, String version) throws Exception {
		Path java = Files.createDirectories(installation.resolve("bin")).resolve("java");
		Files.writeString(java, "#!/usr/bin/env bash\necho \"Archive run 2026-11-20: COMPLETED started with $*\"\n");
		java.toFile().setExecutable(true);
		Files.writeString(installation.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
		return java;
	}

	@Test
	void theJvmOptionsOfTheWrapperAndTheImageStartWithC1OnlyUnlessTheSettingsFileSaysOtherwise() throws Exception {
		// given: a stand-in for java that prints how it was started, and a settings file with and without JVM options
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, "echo \"Archive run 2026-11-20: COMPLETED started with $*\"\n");
		Map<String, String> env = wrapperEnvironment(home, logs, fakeJava);
		Path installed = Files.writeString(home.resolve("livestation-archive.jar"), "jar");
		Path settings = Path.of(env.get("ARCHIVE_SETTINGS"));

		// when: the default; then C2 back (an empty list); then two options of the operator's own
		Result byDefault = runWithEnv(env, "bash", WRAPPER);
		Files.writeString(settings, "ARCHIVE_JAVA_OPTIONS=\n", StandardOpenOption.APPEND);
		Result empty = runWithEnv(env, "bash", WRAPPER);
		Files.writeString(settings, "ARCHIVE_JAVA_OPTIONS='-XX:+UseSerialGC -Xss1m'\n", StandardOpenOption.APPEND);
		Result own = runWithEnv(env, "bash", WRAPPER);

		// then: each is passed as separate options before the jar; the image's entrypoint starts as the default does
		String started = "Archive run 2026-11-20: COMPLETED started with -XX:MaxRAMPercentage=75 ";
		assertThat(byDefault.output()).isEqualTo(started + "-XX:TieredStopAtLevel=1 " + VARIABLES + "-jar " + installed + "\n");
		assertThat(empty.output()).isEqualTo(started + VARIABLES + "-jar " + installed + "\n");
		assertThat(own.output()).isEqualTo(started + "-XX:+UseSerialGC -Xss1m " + VARIABLES + "-jar " + installed + "\n");
		assertThat(Files.readString(Path.of("Dockerfile")))
			.contains("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-XX:TieredStopAtLevel=1\",");
	}

	@Test
	void theWrapperRelaunchesATransientFailureOnceAndSaysSo() throws Exception {
		// given: a stand-in for java whose launches exit with the codes listed in FAKE_EXITS, one per launch
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = standInJava(home, """
				n=$(cat "$ARCHIVE_HOME/launches" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$ARCHIVE_HOME/launches"
				code=$(echo $FAKE_EXITS | cut -d' ' -f$n)
				echo "Archive run 2026-11-20: launch $n"
				[ "$code" -eq 0 ] || echo "  reason: could not serialize access"
				exit $code
				""");
		Map<String, String> env = new HashMap<>(wrapperEnvironment(home, logs, fakeJava));
		env.put("ARCHIVE_RELAUNCH_PAUSE", "0");

		// when
		Result recovered = runWithEnv(withExits(env, "75 0"), "bash", WRAPPER);
		Files.delete(home.resolve("launches"));
		Result twice = runWithEnv(withExits(env, "75 75 0"), "bash", WRAPPER);
		String launchesOfTwice = Files.readString(home.resolve("launches")).trim();
		Files.delete(home.resolve("launches"));
		Result failed = runWithEnv(withExits(env, "1 0"), "bash", WRAPPER);

		// then
		assertThat(recovered.code()).isZero();
		assertThat(recovered.output()).startsWith("Archive run 2026-11-20: launch 2")
			.contains("relaunched once after a transient failure (exit 75: could not serialize access)");
		assertThat(twice.code()).isEqualTo(ExitCodes.TRANSIENT_FAILURE);
		assertThat(launchesOfTwice).isEqualTo("2");
		assertThat(twice.output()).contains("relaunched once").contains("exit code 75");
		assertThat(failed.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.output()).doesNotContain("relaunched");
		assertThat(Files.readString(home.resolve("launches")).trim()).isEqualTo("1");
	}

	@Test
	void theSnapshotCaptureIsScheduledEveryFifteenMinutesBesideTheNight() throws Exception {
		// given
		SystemdUnitFile service = unit("livestation-archive-capture.service");
		SystemdUnitFile timer = unit("livestation-archive-capture.timer");
		List<String> cron = cronEntries();
		@SuppressWarnings("unchecked")
		Map<String, Object> cronJob = new Yaml().load(Files.readString(Path.of(CRON_JOBS.get(1))));

		// then
		assertThat(cron).anySatisfy((line) -> assertThat(line).startsWith("*/15 * * * * ")
			.endsWith(INSTALLED_WRAPPER + " --archive.job=snapshot-capture"));
		assertThat(service.section("Service")).containsEntry("Type", "oneshot")
			.containsEntry("ExecStart", INSTALLED_WRAPPER + " --archive.job=snapshot-capture");
		assertThat(timer.section("Timer")).containsEntry("OnCalendar", "*:0/15")
			.containsEntry("Unit", "livestation-archive-capture.service");
		assertThat(cronJob.get("spec").toString()).contains("schedule=*/15 * * * *", "concurrencyPolicy=Forbid",
				"--archive.job=snapshot-capture", "secretRef");
	}

	@Test
	void theSystemdTimerIsPersistentAndTheServiceIsAOneShot() throws Exception {
		// given
		SystemdUnitFile service = unit("livestation-archive.service");
		SystemdUnitFile timer = unit("livestation-archive.timer");

		// then
		assertThat(service.section("Service")).containsEntry("Type", "oneshot").containsEntry("User", "livestation")
			.containsEntry("ExecStart", INSTALLED_WRAPPER);
		assertThat(timer.section("Timer")).containsEntry("Persistent", "true").containsKey("OnCalendar");
	}

	@Test
	void everyTimersStartsWithTheirRelaunchesFitTheStartLimitOfItsService() throws Exception {
		for (String name : SERVICES) {
			// given
			SystemdUnitFile service = unit(name + ".service");
			SystemdUnitFile timer = unit(name + ".timer");
			Duration window = service.startLimitInterval();

			// when: systemd counts every start in the window, the timer's and its own restarts alike
			int timerStarts = window.isZero() ? 0 : timer.mostStartsWithin(window);
			int relaunches = service.restartsAfterFailure() ? timerStarts : 0;

			// then
			if (!window.isZero()) {
				assertThat(timerStarts + relaunches)
					.as("%s: %d timer starts and %d relaunches within StartLimitIntervalSec=%s", name, timerStarts,
							relaunches, window)
					.isLessThanOrEqualTo(service.startLimitBurst());
			}
			if (new File("/usr/bin/systemd-analyze").canExecute() && !window.isZero()) {
				assertThat(timerStarts).as("%s: the elapses systemd computes for OnCalendar", name)
					.isEqualTo(mostStartsSystemdComputes(timer, window));
			}
		}
	}

	@Test
	void theSystemdUnitsWriteOnlyToDirectoriesSystemdCreatesForThem() throws Exception {
		for (String name : SERVICES) {
			// given
			Map<String, String> service = unit(name + ".service").section("Service");

			// then: the log directory (the wrapper's default) and a state directory, under ProtectSystem=strict
			assertThat(service).containsEntry("ProtectSystem", "strict")
				.containsEntry("LogsDirectory", "livestation-archive")
				.containsEntry("StateDirectory", "livestation-archive")
				.doesNotContainKey("ReadWritePaths");
		}
		assertThat(Files.readString(Path.of(WRAPPER))).contains("logs=${ARCHIVE_LOGS:-/var/log/livestation-archive}");
	}

	@Test
	void systemdVerifiesTheUnitsAsInstalled() throws Exception {
		assumeTrue(new File("/usr/bin/systemd-analyze").canExecute(), "systemd-analyze is not installed here");
		// given: the units as installed, the wrapper in /opt/livestation-archive read from the repository instead
		Path installed = Files.createTempDirectory("systemd-units");
		List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
		try (Stream<Path> units = Files.list(Path.of("jobs/systemd"))) {
			for (Path unit : units.toList()) {
				Path copy = installed.resolve(unit.getFileName());
				Files.writeString(copy, Files.readString(unit)
					.replace(INSTALLED_WRAPPER, Path.of(WRAPPER).toAbsolutePath().toString()));
				command.add(copy.toString());
			}
		}

		// when
		Result verified = runWithEnv(Map.of(), command.toArray(String[]::new));

		// then
		assertThat(verified.output()).isEmpty();
		assertThat(verified.code()).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theKubernetesCronJobForbidsOverlapAndTakesCredentialsFromASecret() throws Exception {
		// given
		Map<String, Object> cronJob = new Yaml().load(Files.readString(Path.of(CRON_JOBS.get(0))));

		// then
		assertThat(cronJob).containsEntry("apiVersion", "batch/v1").containsEntry("kind", "CronJob");
		Map<String, Object> spec = (Map<String, Object>) cronJob.get("spec");
		assertThat(spec).containsEntry("concurrencyPolicy", "Forbid").containsKey("schedule");
		Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
		assertThat(jobSpec).containsKey("backoffLimit");
		Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
		Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		assertThat((Map<String, Object>) ((Map<String, Object>) container.get("resources")).get("limits"))
			.containsKeys("cpu", "memory");
		assertThat(container.get("envFrom").toString()).contains("secretRef");
		assertThat(Files.readString(Path.of(CRON_JOBS.get(0))))
			.doesNotContain("LIVESTATION_API_SECRETKEY\n              value");
	}

	@Test
	@SuppressWarnings("unchecked")
	void kubernetesRetriesOnlyTheFailuresARetryCanFix() throws Exception {
		for (String file : CRON_JOBS) {
			// given
			Map<String, Object> cronJob = new Yaml().load(Files.readString(Path.of(file)));
			Map<String, Object> spec = (Map<String, Object>) cronJob.get("spec");
			Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
			Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
			String container = (String) ((List<Map<String, Object>>) pod.get("containers")).get(0).get("name");

			// then: a pod failure policy takes effect with restartPolicy Never only, and its values are
			// ascending, distinct and never 0 for In (batch/v1 Job validation)
			assertThat(spec).as(file).containsEntry("concurrencyPolicy", "Forbid");
			assertThat(pod).as(file).containsEntry("restartPolicy", "Never");
			List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) jobSpec
				.get("podFailurePolicy")).get("rules");
			for (Map<String, Object> rule : rules) {
				Map<String, Object> onExitCodes = (Map<String, Object>) rule.get("onExitCodes");
				if (onExitCodes != null) {
					List<Integer> values = (List<Integer>) onExitCodes.get("values");
					assertThat(values).as(file).isSorted().doesNotHaveDuplicates().doesNotContain(0);
					assertThat(onExitCodes.get("containerName")).as(file).isIn(null, container);
				}
			}
			int backoffLimit = (Integer) jobSpec.get("backoffLimit");
			assertThat(backoffLimit).as(file).isPositive();
			assertThat(retried(rules, container, ExitCodes.INVALID_CONFIGURATION)).as(file + ": exit 2").isFalse();
			assertThat(retried(rules, container, ExitCodes.ALREADY_RUNNING)).as(file + ": exit 3").isFalse();
			assertThat(retried(rules, container, ExitCodes.FAILED)).as(file + ": exit 1").isTrue();
			assertThat(retried(rules, container, ExitCodes.TRANSIENT_FAILURE)).as(file + ": exit 75").isTrue();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theCallbackReceiverIsProbedOnItsManagementPortAndExposesOnlyItsPublicOne() throws Exception {
		// given
		List<Map<String, Object>> documents = new ArrayList<>();
		new Yaml().loadAll(Files.readString(Path.of(RECEIVER))).forEach((d) -> documents.add((Map<String, Object>) d));
		Map<String, Object> deployment = documents.stream().filter((d) -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
		Map<String, Object> service = documents.stream().filter((d) -> "Service".equals(d.get("kind"))).findFirst().orElseThrow();
		Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
			.get("template")).get("spec");
		Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		Map<String, Object> ports = new java.util.HashMap<>();
		for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
			ports.put((String) port.get("name"), port.get("containerPort"));
		}
		List<Map<String, Object>> servicePorts = (List<Map<String, Object>>) ((Map<String, Object>) service.get("spec")).get("ports");
		List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");

		// then
		assertThat(ports).containsEntry("callbacks", 8080).containsEntry("management", 8081);
		assertThat((List<String>) container.get("args")).containsExactly("--archive.job=callback-receiver");
		assertThat(probe(container, "readinessProbe")).containsEntry("path", "/actuator/health/readiness").containsEntry("port", "management");
		assertThat(probe(container, "livenessProbe")).containsEntry("path", "/actuator/health/liveness").containsEntry("port", "management");
		assertThat(servicePorts).singleElement().satisfies((port) -> assertThat(port.get("targetPort")).isEqualTo("callbacks"));
		assertThat(env).filteredOn((e) -> "ARCHIVE_CALLBACK_TOKEN".equals(e.get("name"))).singleElement()
			.satisfies((e) -> assertThat(e).doesNotContainKey("value").containsKey("valueFrom"));
		assertThat(((Map<String, Object>) ((Map<String, Object>) env.stream()
			.filter((e) -> "ARCHIVE_CALLBACK_TOKEN".equals(e.get("name"))).findFirst().orElseThrow().get("valueFrom")))
			.get("secretKeyRef")).isNotNull();
	}

	@Test
	void theCallbackReceiverUnitRestartsAlwaysAndReadsItsTokenFromTheSettingsFile() throws Exception {
		// given
		String unit = Files.readString(Path.of("jobs/systemd", RECEIVER_UNIT));

		// then: a service that runs until stopped, its secret outside the unit
		assertThat(unit).contains("\nRestart=always\n", "\nEnvironmentFile=" + SETTINGS_FILE + "\n",
				"--archive.job=callback-receiver", "\nType=exec\n");
		assertThat(unit).doesNotContainPattern("(?m)^Environment=.*TOKEN");
		assertThat(unit.lines().filter((line) -> line.startsWith("ExecStart="))).singleElement()
			.satisfies((line) -> assertThat(line).doesNotContain("token"));
		assertThat(Files.readString(Path.of("docker-compose.yml"))).contains("callback-receiver:",
				"ARCHIVE_CALLBACK_TOKEN: ${ARCHIVE_CALLBACK_TOKEN:-}", "--archive.job=callback-receiver");
		assertThat(Files.readString(Path.of("dashboards/prometheus/prometheus.yml")))
			.contains("job_name: callback-receiver", "metrics_path: /actuator/prometheus", "callback-receiver:8081");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> probe(Map<String, Object> container, String name) {
		return (Map<String, Object>) ((Map<String, Object>) container.get(name)).get("httpGet");
	}

	@Test
	@SuppressWarnings("unchecked")
	void kubernetesRunsTheImageTheInstallGuideBuilds() throws Exception {
		// given
		Map<String, Object> kustomization = new Yaml().load(Files.readString(Path.of("jobs/kubernetes/kustomization.yaml")));
		List<Map<String, Object>> images = (List<Map<String, Object>>) kustomization.get("images");
		String guide = Files.readString(Path.of("jobs/README.md"));

		List<String> files = new ArrayList<>(CRON_JOBS);
		files.add(RECEIVER);

		// then: both CronJobs and the receiver are installed by `kubectl apply -k`, which gives their image the
		// registry path
		assertThat((List<String>) kustomization.get("resources"))
			.containsExactlyInAnyOrderElementsOf(files.stream().map((file) -> Path.of(file).getFileName().toString()).toList());
		assertThat(images).hasSize(1);
		for (String file : files) {
			assertThat(Files.readString(Path.of(file))).as(file)
				.contains("image: " + images.get(0).get("name") + ":" + images.get(0).get("newTag") + "\n");
		}
		assertThat(guide).contains("docker build -t \"$IMAGE\" .", "docker push \"$IMAGE\"", "kubectl apply -k jobs/kubernetes");
		assertThat(Path.of("Dockerfile")).exists();
	}

	@Test
	void composeRunsThePostgresImageTheTestsUse() throws Exception {
		// given
		String compose = Files.readString(Path.of("docker-compose.yml"));
		Matcher image = Pattern.compile("image:\\s*(postgres:\\S+)").matcher(compose);

		// then
		assertThat(image.find()).isTrue();
		assertThat(image.group(1)).isEqualTo(TestDatabase.IMAGE);
		assertThat(compose).contains("healthcheck").contains("archive-data:");
		assertThat(Path.of(".env.example")).exists();
		assertThat(Files.readString(Path.of(".gitignore"))).contains(".env");
	}

	/**
	 * Whether a Job retries a pod whose container exited with this code (batch/v1 podFailurePolicy): the
	 * first rule that matches decides; FailJob fails the Job at once, Ignore and Count retry it, and a code
	 * no rule matches counts against backoffLimit.
	 */
	@SuppressWarnings("unchecked")
	private static boolean retried(List<Map<String, Object>> rules, String container, int exitCode) {
		for (Map<String, Object> rule : rules) {
			Map<String, Object> onExitCodes = (Map<String, Object>) rule.get("onExitCodes");
			if (onExitCodes == null
					|| (onExitCodes.get("containerName") != null && !container.equals(onExitCodes.get("containerName")))) {
				continue;
			}
			boolean listed = ((List<Integer>) onExitCodes.get("values")).contains(exitCode);
			boolean matches = switch ((String) onExitCodes.get("operator")) {
				case "In" -> listed;
				case "NotIn" -> !listed && exitCode != 0;
				default -> throw new IllegalArgumentException("operator " + onExitCodes.get("operator"));
			};
			if (matches) {
				return !"FailJob".equals(rule.get("action"));
			}
		}
		return true;
	}

	/** The same count as {@link SystemdUnitFile#mostStartsWithin}, over the elapses systemd-analyze computes. */
	private static int mostStartsSystemdComputes(SystemdUnitFile timer, Duration window) throws Exception {
		Result calendar = runWithEnv(Map.of("TZ", "UTC"), "systemd-analyze", "calendar", "--iterations=200",
				timer.section("Timer").get("OnCalendar"));
		assertThat(calendar.code()).as(calendar.output()).isZero();
		Matcher elapse = Pattern.compile("(?:Next elapse|Iter\\. #\\d+): \\w+ (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC")
			.matcher(calendar.output());
		List<Long> seconds = new ArrayList<>();
		while (elapse.find()) {
			seconds.add(LocalDateTime.parse(elapse.group(1).replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC));
		}
		assertThat(seconds).hasSize(200);
		return SystemdUnitFile.mostWithin(seconds, window.plus(timer.lateness()));
	}

	private static SystemdUnitFile unit(String name) throws Exception {
		return SystemdUnitFile.read(Path.of("jobs/systemd", name));
	}

	private static List<String> cronEntries() throws Exception {
		return Files.readAllLines(Path.of(CRON_FILE)).stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#") && !line.matches("^[A-Za-z_]+=.*"))
			.toList();
	}

	/** A stand-in for java in {@code home}: a bash script of {@code body}. */
	private static Path standInJava(Path home, String body) throws Exception {
		Path java = Files.writeString(home.resolve("java"), "#!/usr/bin/env bash\n" + body);
		java.toFile().setExecutable(true);
		return java;
	}

	/** The wrapper's settings point at the stand-in java and scratch directories, with one settings file. */
	private static Map<String, String> wrapperEnvironment(Path home, Path logs, Path fakeJava) throws Exception {
		Path settings = home.resolve("archive.env");
		Files.writeString(settings, "ARCHIVE_JDBC_URL=jdbc:postgresql://db.internal:5432/archive\n");
		Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
		return Map.of("ARCHIVE_HOME", home.toString(), "ARCHIVE_LOGS", logs.toString(), "JAVA", fakeJava.toString(),
				"ARCHIVE_SETTINGS", settings.toString());
	}

	private static Map<String, String> with(Map<String, String> env, String exit, String status) {
		Map<String, String> all = new HashMap<>(env);
		all.put("FAKE_EXIT", exit);
		all.put("FAKE_STATUS", status);
		return all;
	}

	private static Map<String, String> withExits(Map<String, String> env, String exits) {
		Map<String, String> all = new HashMap<>(env);
		all.put("FAKE_EXITS", exits);
		return all;
	}

	private static int run(String... command) throws Exception {
		return runWithEnv(Map.of(), command).code();
	}

	private record Result(int code, String output) {
	}

	private static Result runWithEnv(Map<String, String> env, String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

}
