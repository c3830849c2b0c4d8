package dev.lsarchive.batch;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.lsarchive.batch.Counter.Resource;
import dev.lsarchive.batch.Counter.Tally;

import static org.assertj.core.api.Assertions.assertThat;

class StepCountsTests {

	@Test
	void recordsCountedWithoutParsingAreReadAndUnchangedRecordsOfTheirResource() {
		// given: an events partition that parsed 5 events and found lists of 10 more as archived
		ExecutionContext events = new ExecutionContext();
		events.putLong(Counter.EVENTS_READ.contextKey(), 5);
		events.putLong(Counter.EVENTS_WRITTEN.contextKey(), 5);
		events.putLong(Counter.EVENTS_READ_UNCHANGED.contextKey(), 10);
		// and a snapshot capture that found its 11 listed snapshots archived already
		ExecutionContext capture = new ExecutionContext();
		capture.putLong(Counter.SNAPSHOTS_READ_UNCHANGED.contextKey(), 11);
		capture.putLong(Counter.CHANNELS_LISTED.contextKey(), 20);

		// when
		StepCounts ofEvents = StepCounts.of(events);
		StepCounts ofCapture = StepCounts.of(capture);

		// then
		assertThat(ofEvents.resource()).isEqualTo(Resource.EVENTS);
		assertThat(ofEvents.get(Resource.EVENTS, Tally.READ)).isEqualTo(15);
		assertThat(ofEvents.get(Resource.EVENTS, Tally.UNCHANGED)).isEqualTo(10);
		assertThat(ofEvents.get(Resource.EVENTS, Tally.WRITTEN)).isEqualTo(5);
		assertThat(ofCapture.resource()).as("a step is known by the records it counts, not by its listing")
			.isEqualTo(Resource.SNAPSHOTS);
		assertThat(ofCapture.get(Resource.SNAPSHOTS, Tally.READ)).isEqualTo(11);
		assertThat(ofCapture.get(Resource.SNAPSHOTS, Tally.UNCHANGED)).isEqualTo(11);
		assertThat(ofCapture.get(Counter.CHANNELS_LISTED)).isEqualTo(20);
		assertThat(StepCounts.of(new ExecutionContext()).resource()).as("nothing committed yet").isNull();
	}

}
