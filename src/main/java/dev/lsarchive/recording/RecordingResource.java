package dev.lsarchive.recording;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.SummaryNote;
import dev.lsarchive.batch.Tally;

/** The recordings resource: its counters and the summary line on the channels asked. */
public final class RecordingResource {

	/** Channels whose recordings were asked for (see the recordings step's rule). */
	static final Counter CHANNELS_ASKED = new Counter("recordings.channels_asked",
			"Channels whose recordings were asked for (see the recordings step's rule)");

	/**
	 * Channels asked for their unfinished recordings alone, each recording with a request of its own (no
	 * new recording event: their finished recordings change no more); among {@link #CHANNELS_ASKED}.
	 */
	static final Counter UNFINISHED_ONLY = new Counter("recordings.channels_asked_unfinished_only",
			"Channels asked for their unfinished recordings alone, one request each (no new recording event:"
					+ " their finished recordings change no more); among the channels asked");

	/** Fields of recordings the API sent for the first time (reporting.api_fields). */
	static final Counter NEW_FIELDS = new Counter("recordings.new_fields",
			"Fields of recordings the API sent for the first time, each announced in the summary (reporting.api_fields)");

	/** Recordings. */
	public static final ArchivedResource RECORDINGS = ArchivedResource.named("recordings", 4)
		.tally(Tally.WRITTEN, "recordings.written", "Recordings added or changed (a new status, an upload finished)")
		.source(CHANNELS_ASKED, "channel asked", "channels asked")
		.fact(UNFINISHED_ONLY)
		.fact(NEW_FIELDS)
		.note(30, (counts) -> (counts.get(CHANNELS_ASKED) > 0)
				? "recordings: asked for " + SummaryNote.count(counts.get(CHANNELS_ASKED), "channel", "channels")
						+ " with new recording events or unfinished recordings"
						+ ((counts.get(UNFINISHED_ONLY) > 0) ? String.format(
								", %d of them for their unfinished recordings alone (finished ones change no more)",
								counts.get(UNFINISHED_ONLY)) : "")
				: null)
		.build();

	private RecordingResource() {
	}

}
