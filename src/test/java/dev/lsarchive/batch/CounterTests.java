package dev.lsarchive.batch;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.lsarchive.batch.Counter.Resource;
import dev.lsarchive.batch.Counter.Tally;

import static org.assertj.core.api.Assertions.assertThat;

class CounterTests {

	@Test
	void everyResourceHasOneCounterPerTally() {
		for (Resource resource : Resource.values()) {
			for (Tally tally : Tally.values()) {
				assertThat(Counter.of(resource, tally).key()).startsWith(resource.label() + ".");
			}
		}
		assertThat(Arrays.stream(Counter.values()).map(Counter::key).distinct()).hasSize(Counter.values().length);
	}

	@Test
	void keysStayWhatEarlierVersionsSavedSoThatAResumedRunKeepsItsCounts() {
		assertThat(Counter.of(Resource.EVENTS, Tally.UNCHANGED).contextKey()).isEqualTo("archive.count.events.already_archived");
		assertThat(Counter.of(Resource.CHANNELS, Tally.UNCHANGED).contextKey()).isEqualTo("archive.count.channels.unchanged");
		assertThat(Counter.EVENTS_READ_UNCHANGED.contextKey()).isEqualTo("archive.count.events.read_unchanged");
	}

}
