package dev.lsarchive.batch;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lsarchive.channel.ChannelResource;
import dev.lsarchive.event.EventResource;
import dev.lsarchive.recording.RecordingResource;
import dev.lsarchive.snapshot.SnapshotResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CounterTests {

	private static final ArchivedResources ARCHIVE = new ArchivedResources(List.of(RecordingResource.RECORDINGS,
			SnapshotResource.SNAPSHOTS, EventResource.EVENTS, ChannelResource.CHANNELS));

	@Test
	void everyResourceHasOneCounterPerTally() {
		// then
		assertThat(ARCHIVE).extracting(ArchivedResource::label)
			.as("in the order of the summary")
			.containsExactly("channels", "events", "snapshots", "recordings");
		for (ArchivedResource resource : ARCHIVE) {
			for (Tally tally : Tally.values()) {
				assertThat(resource.counter(tally).key()).startsWith(resource.label() + ".");
			}
		}
		assertThat(ARCHIVE.counters().stream().map(Counter::key).distinct()).hasSize(ARCHIVE.counters().size());
	}

	@Test
	void keysStayWhatEarlierVersionsSavedSoThatAResumedRunKeepsItsCounts() {
		// then: every key the archive has ever saved, each still declared as it was
		assertThat(ARCHIVE.counters()).extracting(Counter::key)
			.containsExactlyInAnyOrder("channels.read", "channels.written", "channels.unchanged",
					"channels.quarantined", "events.read", "events.written", "events.already_archived",
					"events.quarantined", "snapshots.read", "snapshots.written", "snapshots.unchanged",
					"snapshots.quarantined", "recordings.read", "recordings.written", "recordings.unchanged",
					"recordings.quarantined", "channels.listed", "channels.listed.live", "channels.listed.re_stream",
					"channels.listed.vod2live", "channels.unknown_status", "snapshots.expired",
					"snapshots.unknown_status", "listing.pages", "listing.rereads", "listing.drift",
					"events.scaled_timestamps", "events.gaps", "recordings.channels_asked", "events.read_unchanged",
					"events.unchanged_lists", "snapshots.read_unchanged", "channels.new_fields", "events.new_fields",
					"snapshots.new_fields", "recordings.new_fields", "recordings.channels_asked_unfinished_only");
		assertThat(EventResource.EVENTS.counter(Tally.UNCHANGED).contextKey())
			.isEqualTo("archive.count.events.already_archived");
		assertThat(ChannelResource.CHANNELS.counter(Tally.UNCHANGED).contextKey())
			.isEqualTo("archive.count.channels.unchanged");
	}

	@Test
	void aKeyDeclaredTwiceIsRefused() {
		// given
		Counter twice = new Counter("examples.noted", "Noted");
		ArchivedResource first = ArchivedResource.named("examples", 5).fact(twice).build();
		ArchivedResource second = ArchivedResource.named("others", 6).fact(twice).build();

		// then
		assertThatIllegalStateException().isThrownBy(() -> new ArchivedResources(List.of(first, second)))
			.withMessageContaining("examples.noted");
	}

}
