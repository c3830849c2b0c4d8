package dev.lsarchive.job;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduling definitions in jobs/ and the compose file parse and say what the README promises. */
class SchedulingFilesIntegrationTests {

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
		assertThat(fields[6]).endsWith("run-archive.sh");
		String wrapper = Files.readString(Path.of("jobs/cron/run-archive.sh"));
		assertThat(wrapper).contains("flock -n").contains("exit \"$status\"");
		assertThat(run("bash", "-n", "jobs/cron/run-archive.sh")).isZero();
	}

	@Test
	void theWrapperRefusesToOverlapAndPassesTheExitCodeThrough() throws Exception {
		// given: a stand-in for java that logs, prints a summary and exits with FAKE_EXIT
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = home.resolve("java");
		Files.writeString(fakeJava,
				"#!/usr/bin/env bash\necho noise\necho\necho \"Archive run 2026-11-20: $FAKE_STATUS\"\nexit $FAKE_EXIT\n");
		fakeJava.toFile().setExecutable(true);
		Map<String, String> env = Map.of("ARCHIVE_HOME", home.toString(), "ARCHIVE_LOGS", logs.toString(), "JAVA",
				fakeJava.toString());

		// when
		Result completed = runWithEnv(with(env, "0", "COMPLETED"), "bash", "jobs/cron/run-archive.sh");
		Result failed = runWithEnv(with(env, "1", "FAILED"), "bash", "jobs/cron/run-archive.sh");
		Result whileLocked = runWithEnv(with(env, "0", "COMPLETED"), "flock", logs.resolve(".lock-nightly").toString(),
				"bash", "jobs/cron/run-archive.sh");
		Result captureWhileTheNightRuns = runWithEnv(with(env, "0", "COMPLETED"), "flock",
				logs.resolve(".lock-nightly").toString(), "bash", "jobs/cron/run-archive.sh",
				"--archive.job=snapshot-capture");
		Result failedCapture = runWithEnv(with(env, "1", "FAILED"), "bash", "jobs/cron/run-archive.sh",
				"--archive.job=snapshot-capture");

		// then
		assertThat(completed.code()).isZero();
		assertThat(completed.output()).isEqualTo("Archive run 2026-11-20: COMPLETED\n");
		assertThat(failed.code()).isEqualTo(1);
		assertThat(failed.output()).startsWith("Archive run 2026-11-20: FAILED").contains("exit code 1; full log:");
		assertThat(whileLocked.code()).isEqualTo(ExitCodes.ALREADY_RUNNING);
		assertThat(whileLocked.output()).contains("still going");
		assertThat(captureWhileTheNightRuns.code()).isZero();
		assertThat(captureWhileTheNightRuns.output()).as("a completed capture mails nothing").isEmpty();
		assertThat(failedCapture.code()).isEqualTo(1);
		assertThat(failedCapture.output()).contains("exit code 1; full log:");
	}

	private static List<String> cronEntries() throws Exception {
		return Files.readAllLines(Path.of("jobs/cron/livestation-archive.cron")).stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#") && !line.matches("^[A-Za-z_]+=.*"))
			.toList();
	}

	@Test
	void theWrapperRelaunchesATransientFailureOnceAndSaysSo() throws Exception {
		// given: a stand-in for java whose launches exit with the codes listed in FAKE_EXITS, one per launch
		Path home = Files.createTempDirectory("archive-home");
		Path logs = Files.createTempDirectory("archive-logs");
		Path fakeJava = home.resolve("java");
		Files.writeString(fakeJava, """
				#!/usr/bin/env bash
				n=$(cat "$ARCHIVE_HOME/launches" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$ARCHIVE_HOME/launches"
				code=$(echo $FAKE_EXITS | cut -d' ' -f$n)
				echo "Archive run 2026-11-20: launch $n"
				[ "$code" -eq 0 ] || echo "  reason: could not serialize access"
				exit $code
				""");
		fakeJava.toFile().setExecutable(true);
		Map<String, String> env = Map.of("ARCHIVE_HOME", home.toString(), "ARCHIVE_LOGS", logs.toString(), "JAVA",
				fakeJava.toString(), "ARCHIVE_RELAUNCH_PAUSE", "0");

		// when
		Result recovered = runWithEnv(withExits(env, "75 0"), "bash", "jobs/cron/run-archive.sh");
		Files.delete(home.resolve("launches"));
		Result twice = runWithEnv(withExits(env, "75 75 0"), "bash", "jobs/cron/run-archive.sh");
		String launchesOfTwice = Files.readString(home.resolve("launches")).trim();
		Files.delete(home.resolve("launches"));
		Result failed = runWithEnv(withExits(env, "1 0"), "bash", "jobs/cron/run-archive.sh");

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
		Map<String, Map<String, String>> service = ini(Path.of("jobs/systemd/livestation-archive-capture.service"));
		Map<String, Map<String, String>> timer = ini(Path.of("jobs/systemd/livestation-archive-capture.timer"));
		List<String> cron = cronEntries();
		@SuppressWarnings("unchecked")
		Map<String, Object> cronJob = new Yaml().load(
				Files.readString(Path.of("jobs/kubernetes/livestation-archive-snapshot-capture-cronjob.yaml")));

		// then
		assertThat(cron).anySatisfy((line) -> assertThat(line).startsWith("*/15 * * * * ")
			.endsWith("run-archive.sh --archive.job=snapshot-capture"));
		assertThat(service.get("Service")).containsEntry("Type", "oneshot").containsKey("EnvironmentFile");
		assertThat(service.get("Service").get("ExecStart")).endsWith("--archive.job=snapshot-capture");
		assertThat(timer.get("Timer")).containsEntry("OnCalendar", "*:0/15")
			.containsEntry("Unit", "livestation-archive-capture.service");
		assertThat(cronJob.get("spec").toString()).contains("schedule=*/15 * * * *", "concurrencyPolicy=Forbid",
				"--archive.job=snapshot-capture", "secretRef");
		if (new File("/usr/bin/systemd-analyze").canExecute()) {
			assertThat(run("systemd-analyze", "verify", "jobs/systemd/livestation-archive-capture.service",
					"jobs/systemd/livestation-archive-capture.timer")).isZero();
		}
	}

	@Test
	void theSystemdTimerIsPersistentAndTheServiceIsAOneShot() throws Exception {
		// given
		Map<String, Map<String, String>> service = ini(Path.of("jobs/systemd/livestation-archive.service"));
		Map<String, Map<String, String>> timer = ini(Path.of("jobs/systemd/livestation-archive.timer"));

		// then
		assertThat(service.get("Service")).containsEntry("Type", "oneshot").containsKey("EnvironmentFile");
		assertThat(service.get("Service").get("ExecStart")).contains("livestation-archive.jar");
		assertThat(timer.get("Timer")).containsEntry("Persistent", "true").containsKey("OnCalendar");
		// a transient failure (75) or a killed process is relaunched once; a plain failure is not
		assertThat(service.get("Service")).containsEntry("Restart", "on-failure")
			.containsEntry("RestartPreventExitStatus", "1 2 3 4");
		assertThat(service.get("Unit")).containsEntry("StartLimitBurst", "2");
		if (new File("/usr/bin/systemd-analyze").canExecute()) {
			assertThat(run("systemd-analyze", "verify", "jobs/systemd/livestation-archive.service",
					"jobs/systemd/livestation-archive.timer")).isZero();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theKubernetesCronJobForbidsOverlapAndTakesCredentialsFromASecret() throws Exception {
		// given
		Map<String, Object> cronJob = new Yaml().load(Files.readString(Path.of("jobs/kubernetes/livestation-archive-cronjob.yaml")));

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
		assertThat(Files.readString(Path.of("jobs/kubernetes/livestation-archive-cronjob.yaml")))
			.doesNotContain("LIVESTATION_API_SECRETKEY\n              value");
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

	private static Map<String, String> with(Map<String, String> env, String exit, String status) {
		Map<String, String> all = new java.util.HashMap<>(env);
		all.put("FAKE_EXIT", exit);
		all.put("FAKE_STATUS", status);
		return all;
	}

	private static Map<String, String> withExits(Map<String, String> env, String exits) {
		Map<String, String> all = new java.util.HashMap<>(env);
		all.put("FAKE_EXITS", exits);
		return all;
	}

	private static Map<String, Map<String, String>> ini(Path file) throws Exception {
		Map<String, Map<String, String>> sections = new LinkedHashMap<>();
		Map<String, String> current = null;
		for (String line : Files.readAllLines(file)) {
			line = line.trim();
			if (line.startsWith("[")) {
				current = new LinkedHashMap<>();
				sections.put(line.substring(1, line.length() - 1), current);
			}
			else if (!line.isEmpty() && !line.startsWith("#")) {
				int eq = line.indexOf('=');
				assertThat(eq).as("key=value: " + line).isPositive();
				current.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		return sections;
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
