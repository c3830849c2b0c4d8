package dev.lsarchive.reporting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.normalize.SessionEvents;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.support.ArchiveTables;

/**
 * Sessions computed in Java from the simulator's own events and statuses: the independent answer the
 * SQL must match. A session ends at its end event, or at the first run from its start on (before its
 * channel's next start or end) that listed the channel with another status than PUBLISHING, whichever
 * comes first.
 */
record ExpectedSessions(List<Session> closed, List<String> openChannels) {

	record Session(String channelId, Instant start, Instant end, String endedBy) {

		long minutes() {
			return Math.round((this.end.toEpochMilli() - this.start.toEpochMilli()) / 60_000.0);
		}

	}

	/**
	 * A run that listed the account's channels.
	 *
	 * @param at when it listed them (its start: {@code archive_run.started_at})
	 * @param accountTime the account's time it saw (the simulator's clock then)
	 */
	record Run(Instant at, Instant accountTime) {

		/** The nightly runs archived so far, oldest first, the account's time each saw given in the same order. */
		static List<Run> archived(Instant... accountTimes) {
			List<Instant> starts = ArchiveTables
				.rows("SELECT started_at FROM livestation.archive_run WHERE job_name = ? ORDER BY started_at",
						ArchiveProperties.Job.NIGHTLY.jobName())
				.stream()
				.map((r) -> ((Timestamp) r.get("started_at")).toInstant())
				.toList();
			if (starts.size() != accountTimes.length) {
				throw new IllegalStateException(starts.size() + " runs archived, " + accountTimes.length + " times given");
			}
			List<Run> runs = new ArrayList<>();
			for (int i = 0; i < starts.size(); i++) {
				runs.add(new Run(starts.get(i), accountTimes[i]));
			}
			return runs;
		}

	}

	static ExpectedSessions of(SimulatedDataset dataset, SessionEvents kind, List<Run> runs) {
		String startCode = kind.start();
		String endCode = kind.end();
		List<Session> closed = new ArrayList<>();
		List<String> open = new ArrayList<>();
		for (SimulatedChannel channel : dataset.channels()) {
			List<SimulatedEvent> marks = new ArrayList<>();
			for (Iterator<SimulatedEvent> it = dataset.events(channel); it.hasNext();) {
				SimulatedEvent event = it.next();
				if (event.eventCode().equals(startCode) || event.eventCode().equals(endCode)) {
					marks.add(event);
				}
			}
			for (int i = 0; i < marks.size(); i++) {
				if (!marks.get(i).eventCode().equals(startCode)) {
					continue;
				}
				Instant start = Instant.ofEpochMilli(marks.get(i).timestamp());
				SimulatedEvent next = (i + 1 < marks.size()) ? marks.get(i + 1) : null;
				Instant before = (next != null) ? Instant.ofEpochMilli(next.timestamp()) : Instant.MAX;
				Run seen = firstSeenNotPublishing(dataset, channel, runs, start, before);
				if (seen != null) {
					String status = dataset.statusAt(channel, seen.accountTime().toEpochMilli());
					closed.add(new Session(channel.channelId(), start, seen.at(),
							status.endsWith("DELETED") ? "deleted" : "status"));
				}
				else if (next != null && next.eventCode().equals(endCode)) {
					closed.add(new Session(channel.channelId(), start, before, "end_event"));
				}
				else if (next == null) {
					open.add(channel.channelId());
				}
			}
		}
		return new ExpectedSessions(closed, open);
	}

	private static Run firstSeenNotPublishing(SimulatedDataset dataset, SimulatedChannel channel, List<Run> runs,
			Instant start, Instant before) {
		for (Run run : runs) {
			long account = run.accountTime().toEpochMilli();
			if (!run.at().isBefore(start) && run.at().isBefore(before)
					&& dataset.channel(channel.channelId(), account).isPresent()
					&& !dataset.statusAt(channel, account).equals("PUBLISHING")) {
				return run;
			}
		}
		return null;
	}

}
