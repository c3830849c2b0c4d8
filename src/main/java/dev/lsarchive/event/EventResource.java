package dev.lsarchive.event;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.SummaryNote;
import dev.lsarchive.batch.Tally;

/** The events resource: its counters and the summary lines on continuity and unchanged event lists. */
public final class EventResource {

	/** Events whose timestamp arrived in seconds and was scaled. */
	static final Counter SCALED_TIMESTAMPS = new Counter("events.scaled_timestamps",
			"Events whose timestamp arrived in seconds and was scaled");

	/** Windows of possible event loss found (event lists that no longer reached back to what was archived). */
	static final Counter GAPS = new Counter("events.gaps",
			"Windows of possible event loss found (event lists that no longer reached back to what was archived)");

	/** Events of lists received byte for byte as archived, counted without parsing them. */
	static final Counter READ_UNCHANGED = new Counter("events.read_unchanged",
			"Events of lists received byte for byte as archived, counted without parsing them");

	/** Event lists received byte for byte as archived. */
	static final Counter UNCHANGED_LISTS = new Counter("events.unchanged_lists",
			"Event lists received byte for byte as archived");

	/** Fields of events the API sent for the first time (reporting.api_fields). */
	static final Counter NEW_FIELDS = new Counter("events.new_fields",
			"Fields of events the API sent for the first time, each announced in the summary (reporting.api_fields)");

	/** Channel events. */
	public static final ArchivedResource EVENTS = ArchivedResource.named("events", 2)
		.tally(Tally.WRITTEN, "events.written", "Events added")
		// the key of the first versions: a resumed run finds its counts under it
		.tally(Tally.UNCHANGED, "events.already_archived",
				"Events archived already (events never change: an archived one is unchanged)")
		.fact(SCALED_TIMESTAMPS)
		.fact(GAPS)
		.readUnchanged(READ_UNCHANGED)
		.fact(UNCHANGED_LISTS)
		.fact(NEW_FIELDS)
		// after the callbacks step: a window the callback receiver covered is told as filled, not as a warning
		.note(20, (counts) -> {
			long found = counts.get(GAPS);
			long filled = counts.get(CallbackReconciliationResource.GAPS_FOUND_AND_FILLED);
			if (found == 0) {
				return null;
			}
			String windows = SummaryNote.count(found, "window", "windows")
					+ " in which events may have been lost (lists no longer reached back to what was archived)";
			if (filled >= found) {
				return "continuity: " + windows + ", " + ((found == 1) ? "filled" : "every one filled")
						+ ": the callback receiver was up throughout, their events archived from callbacks";
			}
			return "WARNING continuity: " + windows
					+ ((filled > 0) ? ", " + filled + " of them filled from callbacks" : "")
					+ ": see reporting.channel_coverage";
		})
		.note(40, (counts) -> (counts.get(UNCHANGED_LISTS) > 0)
				? "events: " + SummaryNote.count(counts.get(UNCHANGED_LISTS), "event list", "event lists")
						+ " unchanged since archived, "
						+ SummaryNote.count(counts.get(READ_UNCHANGED), "event", "events") + " not parsed again"
				: null)
		.build();

	private EventResource() {
	}

}
