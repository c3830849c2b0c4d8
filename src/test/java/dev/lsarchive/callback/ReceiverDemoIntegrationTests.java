package dev.lsarchive.callback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.lsarchive.ArchiveApplication;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver's demo as the README runs it ({@code --spring.profiles.active=demo --archive.job=callback-receiver}),
 * bounded to a few seconds: the built-in simulator, registered with through the signed call, pushes the
 * account's events; then the nightly demo of the same account lists every one of them and reconciles them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReceiverDemoIntegrationTests {

	private static final Pattern SUMMARY = Pattern
		.compile("Callback receiver: (\\d+) received, (\\d+) duplicates?, (\\d+) rejected");

	@TempDir
	Path files;

	@BeforeEach
	void emptyDatabase() {
		TestDatabase.get().migrateTo("latest");
		TestDatabase.get().reset();
	}

	@Test
	void theSimulatorPushesToTheReceiverWhatItAcknowledgesIsStoredAndTheNightlyDemoListsEveryEventPushed(
			CapturedOutput output) throws Exception {
		// given: both demos on the same account (today's anchor, pinned so that midnight cannot fall between them)
		String anchor = "--simulator.anchor=" + Instant.now().truncatedTo(ChronoUnit.DAYS);
		Path acknowledged = this.files.resolve("acknowledged");

		// when
		int receiverExit = CallbackReceiverApplication.run(settings("--spring.profiles.active=demo",
				"--archive.job=callback-receiver", "--archive.callback.stop-after=6s",
				"--simulator.callbacks.acknowledged-file=" + acknowledged, anchor));
		String receiverOutput = output.getAll();
		Set<Long> acknowledgedIds = Files.readAllLines(acknowledged).stream().map(Long::valueOf)
			.collect(Collectors.toSet());
		Set<Long> storedIds = ids("SELECT event_id FROM livestation.event_callback");
		int nightlyExit = SpringApplication
			.exit(SpringApplication.run(ArchiveApplication.class, settings("--spring.profiles.active=demo", anchor)));

		// then: a visible number of callbacks, each acknowledged one stored and nothing else
		assertThat(receiverExit).isZero();
		assertThat(storedIds).hasSizeGreaterThan(20).isEqualTo(acknowledgedIds);
		assertThat(receiverOutput).contains("Registered the callback endpoint http://127.0.0.1:")
			.containsPattern("Demo: the simulator pushed " + storedIds.size() + " events")
			.doesNotContainPattern("callbacks/demo-[0-9a-f]{32}");
		String lastLine = receiverOutput.strip().lines().reduce((first, second) -> second).orElse("");
		Matcher summary = SUMMARY.matcher(lastLine);
		assertThat(summary.find()).as(lastLine).isTrue();
		assertThat(Long.parseLong(summary.group(1)) - Long.parseLong(summary.group(2))).isEqualTo(storedIds.size());
		assertThat(summary.group(3)).isEqualTo("0");
		// and the nightly demo afterwards lists every event pushed: same channel, code, level and instant
		assertThat(nightlyExit).isEqualTo(ExitCodes.COMPLETED);
		assertThat(ids("""
				SELECT c.event_id FROM livestation.event_callback c
				WHERE NOT EXISTS (SELECT 1 FROM livestation.channel_event e
				                  WHERE e.channel_id = c.channel_id AND e.event_code = c.event_code
				                    AND e.log_level IS NOT DISTINCT FROM c.log_level AND e.occurred_at = c.occurred_at)"""))
			.isEmpty();
		// and reconciles them: each pulled event carries its callback's id
		assertThat(ids("SELECT event_id FROM livestation.event_callback WHERE reconciliation IS DISTINCT FROM 'MATCHED'"))
			.isEmpty();
		assertThat(ids("SELECT event_id FROM livestation.channel_event WHERE event_id IS NOT NULL AND event_source = 'list'"))
			.isEqualTo(storedIds);
	}

	private static String[] settings(String... settings) {
		List<String> args = new ArrayList<>(TestDatabase.get().applicationSettings());
		args.addAll(List.of(settings));
		return args.toArray(String[]::new);
	}

	private static Set<Long> ids(String sql) throws SQLException {
		Set<Long> ids = new HashSet<>();
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				ids.add(result.getLong(1));
			}
		}
		return ids;
	}

}
