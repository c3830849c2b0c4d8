package dev.lsarchive.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The recordings of a channel, read off its events: one per {@code ONAIR_START} .. {@code ONAIR_END},
 * the last one still recording when its end has not come yet, each gone once Live Station drops its
 * copy.
 * <p>
 * Reading them off every event of the channel's history for each request would cost the in-process
 * simulator a pass over 90 days per request, so each channel's reading is kept ({@link Reading}) and
 * carried on from the events it read as the account's clock moves on: a channel's events through an
 * instant never change (the same seed, anchor and channel give the same events whatever the bound), and
 * its history is read whole whatever the clock says. An earlier instant than one read already is read from the start, as it was
 * always.
 */
final class RecordingGenerator {

	private final SimulatorProperties properties;

	private final Instant anchor;

	private final long keptMillis;

	// by channel index: the channels a dataset creates (drift, the clock) have indexes of their own
	private final ConcurrentMap<Integer, Reading> readings = new ConcurrentHashMap<>();

	RecordingGenerator(SimulatorProperties properties, Instant anchor) {
		this.properties = properties;
		this.anchor = anchor;
		this.keptMillis = properties.recordingsKept().toMillis();
	}

	/** The recordings that the channel's events through {@code nowMillis} leave at {@code nowMillis}. */
	List<SimulatedRecording> recordingsAt(SimulatedChannel channel, long nowMillis) {
		Reading reading = this.readings.compute(channel.index(),
				(index, known) -> (known != null && known.channel.equals(channel)) ? known : new Reading(channel));
		synchronized (reading) {
			if (nowMillis >= reading.readThrough) {
				reading.readThrough(nowMillis);
				return reading.recordingsAt(nowMillis);
			}
		}
		Reading earlier = new Reading(channel);
		earlier.readThrough(nowMillis);
		return earlier.recordingsAt(nowMillis);
	}

	private SimulatedRecording recording(SimulatedChannel channel, int seq, long begin, @Nullable Long end) {
		long id = 7_000_000L + channel.index() * 10_000L + seq;
		return new SimulatedRecording(channel.channelId(), Long.toString(id), seq, begin, end,
				(channel.index() + seq) % 8 == 3, (seq % 3 == 0) ? "HLS" : "MP4", this.keptMillis);
	}

	/**
	 * The recordings of one channel read off its events so far: when each one that ended began and
	 * ended (its number is its place), and the start of the one still recording.
	 */
	private final class Reading {

		private final SimulatedChannel channel;

		// the channel's events, following the clock as far as asked
		private final EventGenerator events;

		// two longs a recording, not the recordings themselves: a thousand channels keep their readings
		private long[] begins = new long[16];

		private long[] ends = new long[16];

		private int ended;

		// the recordings before this one were dropped by the instant read through, so at every later one
		private int firstKept;

		private @Nullable Long begin;

		// every event of the history and of the clock through this instant has been read
		private long readThrough = Long.MIN_VALUE;

		Reading(SimulatedChannel channel) {
			this.channel = channel;
			this.events = new EventGenerator(channel, RecordingGenerator.this.properties,
					RecordingGenerator.this.anchor, Long.MAX_VALUE);
		}

		void readThrough(long nowMillis) {
			while (this.events.hasNextThrough(nowMillis)) {
				read(this.events.nextEvent());
			}
			this.readThrough = nowMillis;
			while (this.firstKept < this.ended && dropped(this.firstKept, nowMillis)) {
				this.firstKept++;
			}
		}

		private void read(SimulatedEvent event) {
			if ("ONAIR_START".equals(event.eventCode())) {
				this.begin = event.timestamp();
			}
			else if ("ONAIR_END".equals(event.eventCode()) && this.begin != null) {
				if (this.ended == this.begins.length) {
					this.begins = Arrays.copyOf(this.begins, this.ended * 2);
					this.ends = Arrays.copyOf(this.ends, this.ended * 2);
				}
				this.begins[this.ended] = this.begin;
				this.ends[this.ended] = event.timestamp();
				this.ended++;
				this.begin = null;
			}
		}

		private boolean dropped(int index, long nowMillis) {
			return this.ends[index] + RecordingGenerator.this.keptMillis <= nowMillis;
		}

		List<SimulatedRecording> recordingsAt(long nowMillis) {
			List<SimulatedRecording> recordings = new ArrayList<>();
			for (int i = this.firstKept; i < this.ended; i++) {
				if (!dropped(i, nowMillis)) {
					recordings.add(recording(this.channel, i + 1, this.begins[i], this.ends[i]));
				}
			}
			if (this.begin != null) {
				recordings.add(recording(this.channel, this.ended + 1, this.begin, null));
			}
			return recordings;
		}

	}

}
