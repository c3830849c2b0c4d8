package dev.lsarchive.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The recordings of a channel, read off its events: one per {@code ONAIR_START} .. {@code ONAIR_END},
 * the last one still recording when its end has not come yet, each gone once Live Station drops its
 * copy.
 */
final class RecordingGenerator {

	private final long keptMillis;

	RecordingGenerator(SimulatorProperties properties) {
		this.keptMillis = properties.recordingsKept().toMillis();
	}

	/** The recordings that {@code events} (the channel's, through {@code nowMillis}) leave at {@code nowMillis}. */
	List<SimulatedRecording> recordingsAt(SimulatedChannel channel, Iterator<SimulatedEvent> events, long nowMillis) {
		List<SimulatedRecording> recordings = new ArrayList<>();
		Long begin = null;
		int seq = 0;
		while (events.hasNext()) {
			SimulatedEvent event = events.next();
			if ("ONAIR_START".equals(event.eventCode())) {
				begin = event.timestamp();
			}
			else if ("ONAIR_END".equals(event.eventCode()) && begin != null) {
				recordings.add(recording(channel, ++seq, begin, event.timestamp()));
				begin = null;
			}
		}
		if (begin != null) {
			recordings.add(recording(channel, ++seq, begin, null));
		}
		recordings.removeIf((r) -> r.shouldDeleteTime() != null && r.shouldDeleteTime() <= nowMillis);
		return recordings;
	}

	private SimulatedRecording recording(SimulatedChannel channel, int seq, long begin, @Nullable Long end) {
		long id = 7_000_000L + channel.index() * 10_000L + seq;
		return new SimulatedRecording(channel.channelId(), Long.toString(id), seq, begin, end,
				(channel.index() + seq) % 8 == 3, (seq % 3 == 0) ? "HLS" : "MP4", this.keptMillis);
	}

}
