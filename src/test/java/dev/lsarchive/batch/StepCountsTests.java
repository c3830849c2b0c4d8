package dev.lsarchive.batch;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.lsarchive.channel.ChannelResource;
import dev.lsarchive.event.EventResource;
import dev.lsarchive.recording.RecordingResource;
import dev.lsarchive.snapshot.SnapshotResource;

import static org.assertj.core.api.Assertions.assertThat;

class StepCountsTests {

	private static final ArchivedResources ARCHIVE = new ArchivedResources(List.of(ChannelResource.CHANNELS,
			EventResource.EVENTS, SnapshotResource.SNAPSHOTS, RecordingResource.RECORDINGS));

	private static final ArchivedResource EVENTS = EventResource.EVENTS;

	private static final ArchivedResource SNAPSHOTS = SnapshotResource.SNAPSHOTS;

	@Test
	void recordsCountedWithoutParsingAreReadAndUnchangedRecordsOfTheirResource() {
		// given: an events partition that parsed 5 events and found lists of 10 more as archived
		ExecutionContext events = new ExecutionContext();
		events.putLong("archive.count.events.read", 5);
		events.putLong("archive.count.events.written", 5);
		events.putLong("archive.count.events.read_unchanged", 10);
		// and a snapshot capture that found its 11 listed snapshots archived already
		ExecutionContext capture = new ExecutionContext();
		capture.putLong("archive.count.snapshots.read_unchanged", 11);
		capture.putLong(ListingCounts.LISTED.contextKey(), 20);

		// when
		StepCounts ofEvents = StepCounts.of(events, ARCHIVE);
		StepCounts ofCapture = StepCounts.of(capture, ARCHIVE);

		// then
		assertThat(ofEvents.resource()).isEqualTo(EVENTS);
		assertThat(ofEvents.get(EVENTS, Tally.READ)).isEqualTo(15);
		assertThat(ofEvents.get(EVENTS, Tally.UNCHANGED)).isEqualTo(10);
		assertThat(ofEvents.get(EVENTS, Tally.WRITTEN)).isEqualTo(5);
		assertThat(ofCapture.resource()).as("a step is known by the records it counts, not by its listing")
			.isEqualTo(SNAPSHOTS);
		assertThat(ofCapture.get(SNAPSHOTS, Tally.READ)).isEqualTo(11);
		assertThat(ofCapture.get(SNAPSHOTS, Tally.UNCHANGED)).isEqualTo(11);
		assertThat(ofCapture.get(ListingCounts.LISTED)).isEqualTo(20);
		assertThat(StepCounts.of(new ExecutionContext(), ARCHIVE).resource()).as("nothing committed yet").isNull();
	}

	@Test
	void everyCounterKeyOfTheContextIsKeptDeclaredOrNot() {
		// given: a context with a counter no resource declares, and a key that is no counter
		ExecutionContext context = new ExecutionContext();
		context.putLong("archive.count.examples.read", 4);
		context.putLong("progress.channels.done", 3);

		// when
		StepCounts counts = StepCounts.of(context, ARCHIVE);

		// then
		assertThat(counts.counts()).containsExactly(java.util.Map.entry("examples.read", 4L));
		assertThat(counts.resource()).isNull();
	}

}
