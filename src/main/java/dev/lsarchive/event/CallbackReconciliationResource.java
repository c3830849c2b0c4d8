package dev.lsarchive.event;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.SummaryNote;
import dev.lsarchive.batch.Tally;

/**
 * The callbacks resource (the reconciliation of the pushed events with the pulled lists): its
 * counters and summary lines. A callback read is one the step reconciled (its channel's list covered
 * its instant); each is written: its id set on the pulled event it matched, or the event archived
 * from it alone.
 */
public final class CallbackReconciliationResource {

	/** Callbacks matched to a pulled event, which now carries their event id. */
	static final Counter MATCHED = new Counter("callbacks.matched",
			"Callbacks matched to a pulled event of the same channel, code, level and instant, which now carries their event id");

	/**
	 * Events archived from their callbacks alone on an earlier night that an event list showed since (it lagged
	 * beyond the grace): the pulled event now carries the id, and the callback's copy is gone.
	 */
	static final Counter MATCHED_LATE = new Counter("callbacks.matched_late",
			"Events archived from their callbacks alone that an event list showed later after all: the pulled event now"
					+ " carries the callback's id and the copy from the callback is gone, so the archive holds the event once");

	/** Callbacks no event list showed, archived from the callback alone. */
	static final Counter ARCHIVED = new Counter("callbacks.archived",
			"Callbacks no event list showed, their events archived from the callback alone (channel_event.event_source = callback)");

	/** Callbacks left for a later night: no event list has covered their instant yet. */
	static final Counter WAITING = new Counter("callbacks.waiting",
			"Callbacks left for a later night, as their channels were reconciled: no event list has covered their instant yet");

	/** Windows of possible event loss the callback receiver covered completely. */
	static final Counter GAPS_FILLED = new Counter("gaps.filled",
			"Windows of possible event loss (livestation.event_gap) the callback receiver was up throughout, their events archived from callbacks");

	/** Of the windows this run found ({@code events.gaps}), those it filled. */
	static final Counter GAPS_FOUND_AND_FILLED = new Counter("gaps.found_and_filled",
			"Of the windows of possible event loss this run found (events.gaps), those its callbacks step filled (among gaps.filled)");

	/** Pulled events that occurred while a receiver was up and never reached it. */
	static final Counter MISSED_BY_RECEIVER = new Counter("events.missed_by_receiver",
			"Pulled events that occurred while a callback receiver was up and acknowledging, and whose callback never came (counted once, when judged)");

	/** Callbacks reconciled with the event lists. */
	public static final ArchivedResource CALLBACKS = ArchivedResource.named("callbacks", 5)
		.tally(Tally.READ, "callbacks.read", "Callbacks reconciled (their channel's event list covered their instant)")
		.tally(Tally.WRITTEN, "callbacks.written",
				"Callbacks reconciled: their id set on the pulled event they matched, or their event archived from them alone")
		.fact(MATCHED)
		.fact(MATCHED_LATE)
		.fact(ARCHIVED)
		.fact(WAITING)
		.fact(GAPS_FILLED)
		.fact(GAPS_FOUND_AND_FILLED)
		.fact(MISSED_BY_RECEIVER)
		// the windows this run found are told, filled or not, on the events' continuity line
		.note(22, (counts) -> (counts.get(GAPS_FILLED) > counts.get(GAPS_FOUND_AND_FILLED))
				? "continuity: " + SummaryNote.count(counts.get(GAPS_FILLED) - counts.get(GAPS_FOUND_AND_FILLED),
						"window", "windows")
						+ " of possible event loss found by earlier runs filled: the callback receiver was up"
						+ " throughout them, their events archived from callbacks"
				: null)
		.note(24, (counts) -> (counts.get(MATCHED) + counts.get(ARCHIVED) + counts.get(WAITING) > 0)
				? String.format("callbacks: %d matched to pulled events, %d archived that no event list showed,"
						+ " %d waiting for an event list that covers them", counts.get(MATCHED), counts.get(ARCHIVED),
						counts.get(WAITING))
				: null)
		.note(25, (counts) -> (counts.get(MATCHED_LATE) > 0)
				? "callbacks: " + SummaryNote.count(counts.get(MATCHED_LATE), "event", "events")
						+ " archived from callbacks on an earlier night shown by an event list since: held once, with"
						+ " the list's description"
				: null)
		.note(26, (counts) -> (counts.get(MISSED_BY_RECEIVER) > 0)
				? String.format("WARNING callbacks: %d pulled events never reached the callback receiver while it was up"
						+ " (check the callback registration): see livestation.event_coverage.events_missed_by_receiver",
						counts.get(MISSED_BY_RECEIVER))
				: null)
		.build();

	private CallbackReconciliationResource() {
	}

}
