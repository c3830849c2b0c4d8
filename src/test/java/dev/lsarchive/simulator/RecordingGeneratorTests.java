package dev.lsarchive.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingGeneratorTests {

	private static final Instant ANCHOR = Instant.parse("2026-11-20T00:00:00Z");

	@Test
	void recordingsFollowTheClockForwardAndBackAsIfReadOffEveryEventEachTime() {
		for (Duration kept : List.of(Duration.ofDays(2), Duration.ofDays(120))) {
			// given: an account living on its clock, channels created on it, recordings dropped after a while
			SimulatorProperties properties = SimulatorProperties.of(12, 150)
				.toBuilder()
				.eventsPerDay(30)
				.newChannelsPerDay(2)
				.recordingsKept(kept)
				.build();
			SimulatedDataset dataset = new SimulatedDataset(properties, ANCHOR);
			long liveFrom = dataset.liveFrom().toEpochMilli();
			long hour = 3_600_000L;
			long day = 24 * hour;
			// before the history ends, through the nights, the same instant again, back, and far ahead
			long[] instants = { ANCHOR.toEpochMilli() - day, liveFrom, liveFrom + hour, liveFrom + hour,
					liveFrom + day + 2 * hour, liveFrom + 3 * day, liveFrom + day, liveFrom + 3 * day + 1,
					liveFrom + 9 * day };
			int compared = 0;
			for (int i = 0; i < instants.length; i++) {
				long now = instants[i];
				if (i == 5) {
					// drift puts a channel at the head of a listing
					dataset.createChannelAtHead("LIVE");
				}
				for (SimulatedChannel channel : dataset.channelsAt(now)) {
					// when
					List<SimulatedRecording> recordings = dataset.recordingsAt(channel, now);

					// then
					assertThat(recordings).as("recordings of %s at %s", channel, Instant.ofEpochMilli(now))
						.isEqualTo(readOffEveryEvent(dataset, properties, channel, now));
					compared += recordings.size();
				}
			}
			assertThat(compared).isGreaterThan(100);
		}
	}

	// one recording per ONAIR_START .. ONAIR_END of the channel's events, the last one open, the dropped ones gone
	private static List<SimulatedRecording> readOffEveryEvent(SimulatedDataset dataset, SimulatorProperties properties,
			SimulatedChannel channel, long now) {
		List<SimulatedRecording> recordings = new ArrayList<>();
		Long begin = null;
		int seq = 0;
		for (Iterator<SimulatedEvent> events = dataset.events(channel, now); events.hasNext();) {
			SimulatedEvent event = events.next();
			if ("ONAIR_START".equals(event.eventCode())) {
				begin = event.timestamp();
			}
			else if ("ONAIR_END".equals(event.eventCode()) && begin != null) {
				recordings.add(recording(properties, channel, ++seq, begin, event.timestamp()));
				begin = null;
			}
		}
		if (begin != null) {
			recordings.add(recording(properties, channel, ++seq, begin, null));
		}
		recordings.removeIf((r) -> r.shouldDeleteTime() != null && r.shouldDeleteTime() <= now);
		return recordings;
	}

	private static SimulatedRecording recording(SimulatorProperties properties, SimulatedChannel channel, int seq,
			long begin, @Nullable Long end) {
		return new SimulatedRecording(channel.channelId(), Long.toString(7_000_000L + channel.index() * 10_000L + seq),
				seq, begin, end, (channel.index() + seq) % 8 == 3, (seq % 3 == 0) ? "HLS" : "MP4",
				properties.recordingsKept().toMillis());
	}

}
