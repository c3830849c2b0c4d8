package dev.lsarchive.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.Simulators;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every count a run prints comes from one source: the lines of its steps add up to its summary, and
 * the summary says what its ledger row holds; no output shows a record in its default form.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrintedCountsIntegrationTests {

	/** What a record's default {@code toString} looks like, e.g. {@code Faults[throttleShare=0.0, …]}. */
	static final Pattern RECORD_FORM = Pattern.compile("\\w+\\[\\w+=");

	private static final Pattern STEP_LINE = Pattern.compile(
			"(\\S+) COMPLETED: (\\d+) (\\w+) read \\((\\d+) written, (\\d+) unchanged, (\\d+) quarantined\\)");

	private static final Pattern TABLE_ROW = Pattern.compile(
			"(?m)^  (channels|events|snapshots|recordings) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$");

	private static final Pattern SUMMARY_LINE = Pattern.compile(
			"COMPLETED: read (\\d+), written (\\d+), unchanged (\\d+), quarantined (\\d+);");

	private static final Pattern CHANNELS_ASKED = Pattern.compile(
			"COMPLETED: \\d+ recordings? read \\(\\d+ written, \\d+ unchanged, \\d+ quarantined\\) from (\\d+) channels? asked");

	private static final String[] RESOURCES = { "channels", "events", "snapshots", "recordings" };

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void theStepsLinesAddUpToTheSummaryAndTheLedgerOnAFirstNightAndOnARerun(CapturedOutput output) {
		// given: an account with recordings, answering some requests with 429
		SimulatorProperties data = SimulatorProperties.of(8, 40)
			.withFaults(SimulatorProperties.Faults.NONE.withThrottleShare(0.1).withRetryAfterShare(0), Duration.ZERO);
		try (LiveStationSimulator simulator = Simulators.start(data)) {

			// when: a first night, then the same night again, its event lists now unchanged
			int before = output.getAll().length();
			ArchiveRun.completes(simulator, "2026-11-20", "--logging.level.dev.lsarchive=INFO");
			String first = output.getAll().substring(before);
			before = output.getAll().length();
			ArchiveRun.completes(simulator, "2026-11-20", "--archive.rerun=true",
					"--logging.level.dev.lsarchive=INFO");
			String rerun = output.getAll().substring(before);

			// then
			List<Map<String, Object>> ledger = rows("SELECT * FROM livestation.archive_run ORDER BY job_execution_id");
			assertThat(ledger).hasSize(2);
			assertAgree(first, ledger.get(0));
			assertAgree(rerun, ledger.get(1));
			assertThat(rerun).contains("event lists unchanged since archived");
			assertThat((long) ledger.get(0).get("recordings_read"))
				.as("recordings and the channels asked for them are two quantities, each named")
				.isGreaterThan((long) ledger.get(0).get("recording_channels_asked"));
			assertThat(first + rerun).doesNotContainPattern(RECORD_FORM);
		}
	}

	@Test
	void theDemoShowsItsSimulatorsFaultsInWordsNotAsARecord() throws Exception {
		// when
		PackagedJar.Result result = PackagedJar.run("--spring.profiles.active=demo", "--simulator.channels=2",
				"--simulator.events-per-channel=5", "--simulator.faults.throttle-share=0.2",
				"--simulator.faults.retry-after-share=0");

		// then
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("faults: 20% of requests answered 429, seed 7")
			.doesNotContainPattern(RECORD_FORM);
	}

	// every resource's read/written/unchanged/quarantined: the sum of its steps' lines = the summary's row = the ledger's
	private static void assertAgree(String output, Map<String, Object> ledger) {
		Map<String, long[]> steps = new HashMap<>();
		Matcher line = STEP_LINE.matcher(output);
		while (line.find()) {
			long[] sum = steps.computeIfAbsent(line.group(3), (k) -> new long[4]);
			int[] groups = { 2, 4, 5, 6 };
			for (int i = 0; i < 4; i++) {
				sum[i] += Long.parseLong(line.group(groups[i]));
			}
		}
		Map<String, long[]> table = new HashMap<>();
		Matcher row = TABLE_ROW.matcher(output);
		while (row.find()) {
			table.put(row.group(1), new long[] { Long.parseLong(row.group(2)), Long.parseLong(row.group(3)),
					Long.parseLong(row.group(4)), Long.parseLong(row.group(5)) });
		}
		long[] total = new long[4];
		for (String resource : RESOURCES) {
			long[] fromSteps = steps.getOrDefault(resource, new long[4]);
			assertThat(table.get(resource)).as("the summary's row of %s = the sum of its steps' lines", resource)
				.containsExactly(fromSteps);
			String unchanged = resource.equals("events") ? "events_already_archived" : resource + "_unchanged";
			assertThat(new long[] { (long) ledger.get(resource + "_read"), (long) ledger.get(resource + "_written"),
					(long) ledger.get(unchanged) })
				.as("the ledger's %s", resource)
				.containsExactly(fromSteps[0], fromSteps[1], fromSteps[2]);
			for (int i = 0; i < 4; i++) {
				total[i] += fromSteps[i];
			}
		}
		assertThat(total[0]).isPositive();
		Matcher summary = SUMMARY_LINE.matcher(output);
		assertThat(summary.find()).as(output).isTrue();
		assertThat(new long[] { Long.parseLong(summary.group(1)), Long.parseLong(summary.group(2)),
				Long.parseLong(summary.group(3)), Long.parseLong(summary.group(4)) })
			.containsExactly(total)
			.containsExactly((long) ledger.get("items_read"), (long) ledger.get("items_written"),
					(long) ledger.get("items_already_archived"), (long) ledger.get("items_quarantined"));
		long asked = (long) ledger.get("recording_channels_asked");
		assertThat(output).contains("Recordings: " + asked + " channels can have");
		// the recordings step's partitions each name the channels they asked: together, the ledger's
		long askedInLines = 0;
		Matcher channels = CHANNELS_ASKED.matcher(output);
		while (channels.find()) {
			askedInLines += Long.parseLong(channels.group(1));
		}
		assertThat(askedInLines).isEqualTo(asked);
	}

}
