package dev.lsarchive.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.batch.ArchivedResources;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.channel.ChannelResource;
import dev.lsarchive.event.CallbackReconciliationResource;
import dev.lsarchive.event.EventResource;
import dev.lsarchive.recording.RecordingResource;
import dev.lsarchive.snapshot.SnapshotResource;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTests {

	private static final ArchivedResources ARCHIVE = new ArchivedResources(List.of(ChannelResource.CHANNELS,
			EventResource.EVENTS, SnapshotResource.SNAPSHOTS, RecordingResource.RECORDINGS));

	private static final ArchivedResources WITH_CALLBACKS = new ArchivedResources(List.of(ChannelResource.CHANNELS,
			EventResource.EVENTS, SnapshotResource.SNAPSHOTS, RecordingResource.RECORDINGS,
			CallbackReconciliationResource.CALLBACKS));

	@Test
	void theTableAndTheResourcesLinesSayWhatTheyAlwaysSaid() {
		// given: a night in which every line under the table has something to say
		RunTotals totals = new RunTotals(Map.ofEntries(Map.entry("channels.read", 20L),
				Map.entry("channels.written", 2L), Map.entry("channels.unchanged", 18L), Map.entry("events.read", 150L),
				Map.entry("events.written", 100L), Map.entry("events.already_archived", 45L),
				Map.entry("events.quarantined", 5L), Map.entry("snapshots.read", 11L), Map.entry("snapshots.written", 4L),
				Map.entry("snapshots.unchanged", 7L), Map.entry("recordings.read", 7L),
				Map.entry("recordings.written", 7L), Map.entry("channels.listed", 20L),
				Map.entry("channels.listed.live", 12L), Map.entry("channels.listed.re_stream", 5L),
				Map.entry("channels.listed.vod2live", 3L), Map.entry("listing.rereads", 1L),
				Map.entry("listing.drift", 2L), Map.entry("channels.unknown_status", 1L),
				Map.entry("snapshots.unknown_status", 1L), Map.entry("events.scaled_timestamps", 4L),
				Map.entry("events.gaps", 2L), Map.entry("recordings.channels_asked", 3L),
				Map.entry("events.unchanged_lists", 1L), Map.entry("events.read_unchanged", 10L),
				Map.entry("snapshots.read_unchanged", 6L), Map.entry("snapshots.expired", 3L)), ARCHIVE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		// when
		new RunSummary(new PrintStream(out, true, StandardCharsets.UTF_8), true).print(completed(),
				totals, new ApiCallStats.Snapshot(9, 1, 0, 0, 0), "");

		// then
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(printed.lines().skip(2).toList()).containsExactly(
				"  resource           read      written    unchanged  quarantined",
				"  channels             20            2           18            0",
				"  events              150          100           45            5",
				"  snapshots            11            4            7            0",
				"  recordings            7            7            0            0",
				"  total               188          113           70            5",
				"  listing: 20 channels (12 live, 5 re-stream, 3 VOD2LIVE), 1 re-read, drift 2; unknown statuses 2,"
						+ " scaled timestamps 4",
				"  WARNING continuity: 2 windows in which events may have been lost (lists no longer reached back to"
						+ " what was archived): see reporting.channel_coverage",
				"  recordings: asked for 3 channels with new recording events or unfinished recordings",
				"  events: 1 event list unchanged since archived, 10 events not parsed again",
				"  snapshots: 6 listed snapshots archived already (their info is not asked again)",
				"  snapshots: of 5 snapshots whose info this run asked for, 3 had expired (info is readable for one"
						+ " hour; kept as listed, not quarantined)",
				"  API: 9 requests, 1 retry, 0 throttled (429)");
		assertThat(printed.lines().skip(1).findFirst()).hasValueSatisfying((title) -> assertThat(title)
			.startsWith("Archive run 2026-11-20: COMPLETED in ").endsWith(" s (job execution 7)"));
	}

	@Test
	void aQuietNightHasOnlyTheListingLineUnderItsTable() {
		// given
		RunTotals totals = new RunTotals(Map.of("channels.read", 2L, "channels.unchanged", 2L, "channels.listed", 2L,
				"channels.listed.live", 2L), ARCHIVE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		// when
		new RunSummary(new PrintStream(out, true, StandardCharsets.UTF_8), true).print(completed(), totals,
				new ApiCallStats.Snapshot(3, 0, 0, 0, 0), "");

		// then
		assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(8).toList()).containsExactly(
				"  listing: 2 channels (2 live, 0 re-stream, 0 VOD2LIVE), 0 re-reads, drift 0; unknown statuses 0,"
						+ " scaled timestamps 0",
				"  API: 3 requests, 0 retries, 0 throttled (429)");
	}

	@Test
	void windowsOfPossibleLossTheCallbacksFilledAreNoWarning() {
		// given: a night that found three windows and filled two of them from callbacks, and one found earlier
		RunTotals some = new RunTotals(Map.of("channels.read", 2L, "channels.unchanged", 2L, "channels.listed", 2L, "events.gaps", 3L,
				"gaps.filled", 3L, "gaps.found_and_filled", 2L), WITH_CALLBACKS);
		RunTotals all = new RunTotals(Map.of("channels.read", 2L, "channels.unchanged", 2L, "channels.listed", 2L, "events.gaps", 3L,
				"gaps.filled", 3L, "gaps.found_and_filled", 3L), WITH_CALLBACKS);

		// when
		String partly = printed(some);
		String wholly = printed(all);

		// then
		assertThat(partly).contains("  WARNING continuity: 3 windows in which events may have been lost (lists no longer"
				+ " reached back to what was archived), 2 of them filled from callbacks: see reporting.channel_coverage")
			.contains("  continuity: 1 window of possible event loss found by earlier runs filled");
		assertThat(wholly).doesNotContain("WARNING")
			.contains("  continuity: 3 windows in which events may have been lost (lists no longer reached back to what"
					+ " was archived), every one filled: the callback receiver was up throughout")
			.doesNotContain("found by earlier runs");
	}

	private static String printed(RunTotals totals) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new RunSummary(new PrintStream(out, true, StandardCharsets.UTF_8), true).print(completed(), totals,
				new ApiCallStats.Snapshot(3, 0, 0, 0, 0), "");
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aCountOfOneNamesOneThing() {
		// given: an account of one channel, asked for its recordings
		RunTotals totals = new RunTotals(Map.of("channels.read", 1L, "channels.unchanged", 1L, "channels.listed", 1L,
				"channels.listed.live", 1L, "recordings.channels_asked", 1L), ARCHIVE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		// when
		new RunSummary(new PrintStream(out, true, StandardCharsets.UTF_8), true).print(completed(), totals,
				new ApiCallStats.Snapshot(3, 0, 0, 0, 0), "");

		// then
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("  listing: 1 channel (1 live,")
			.contains("  recordings: asked for 1 channel with new recording events")
			.doesNotContain("1 channels");
	}

	@Test
	void aCountOfOneSnapshotOrListOrRequestNamesOneToo() {
		// given: one snapshot archived already, one asked for, one unchanged list of one event, one request
		RunTotals totals = new RunTotals(Map.of("snapshots.read", 2L, "snapshots.unchanged", 2L,
				"snapshots.read_unchanged", 1L, "snapshots.expired", 1L, "events.read", 1L,
				"events.already_archived", 1L, "events.unchanged_lists", 1L, "events.read_unchanged", 1L), ARCHIVE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		// when
		new RunSummary(new PrintStream(out, true, StandardCharsets.UTF_8), true).print(completed(), totals,
				new ApiCallStats.Snapshot(1, 1, 0, 0, 0), "");

		// then
		assertThat(out.toString(StandardCharsets.UTF_8))
			.contains("  snapshots: 1 listed snapshot archived already (their info is not asked again)")
			.contains("  snapshots: of 1 snapshot whose info this run asked for, 1 had expired")
			.contains("  events: 1 event list unchanged since archived, 1 event not parsed again")
			.contains("  API: 1 request, 1 retry, 0 throttled (429)");
	}

	@Test
	void eachFieldTheRunSawFirstIsAnnouncedInALineOfItsOwnUnderTheResourcesLines() {
		// given: a night that saw two new fields of channels and one of events
		RunTotals totals = new RunTotals(Map.of("channels.read", 2L, "channels.written", 2L, "channels.listed", 2L,
				"channels.listed.live", 2L, "channels.new_fields", 2L, "events.new_fields", 1L), ARCHIVE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		List<Long> asked = new ArrayList<>();

		// when
		new RunSummary(new PrintStream(out, true, StandardCharsets.UTF_8), true, (execution) -> {
			asked.add(execution.getId());
			return List.of("channel.cdn.edgeRegion", "channel.futureFlag", "event.futureFlag");
		}).print(completed(), totals, new ApiCallStats.Snapshot(3, 0, 0, 0, 0), "");

		// then
		assertThat(asked).containsExactly(7L);
		assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(8).toList()).containsExactly(
				"  listing: 2 channels (2 live, 0 re-stream, 0 VOD2LIVE), 0 re-reads, drift 0; unknown statuses 0,"
						+ " scaled timestamps 0",
				"  NOTE new API field channel.cdn.edgeRegion", "  NOTE new API field channel.futureFlag",
				"  NOTE new API field event.futureFlag", "  API: 3 requests, 0 retries, 0 throttled (429)");
	}

	private static JobExecution completed() {
		JobExecution execution = new JobExecution(7, new JobInstance(3, "archiveJob"),
				new JobParametersBuilder().addLocalDate(RunContext.RUN_DATE, LocalDate.of(2026, 11, 20))
					.toJobParameters());
		execution.setStartTime(LocalDateTime.of(2026, 11, 21, 1, 0, 0));
		execution.setEndTime(LocalDateTime.of(2026, 11, 21, 1, 0, 1, 500_000_000));
		execution.setStatus(BatchStatus.COMPLETED);
		return execution;
	}

}
