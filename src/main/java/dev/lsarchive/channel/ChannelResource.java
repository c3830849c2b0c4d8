package dev.lsarchive.channel;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.ListingCounts;
import dev.lsarchive.batch.SummaryNote;
import dev.lsarchive.batch.Tally;

/** The channels resource: its counters, its listing's, and the summary's listing line. */
public final class ChannelResource {

	/** Channels whose status was not recognised. */
	static final Counter UNKNOWN_STATUS = new Counter("channels.unknown_status",
			"Channels whose status was not recognised");

	/** Fields of channels and of their re-stream targets the API sent for the first time (reporting.api_fields). */
	static final Counter NEW_FIELDS = new Counter("channels.new_fields",
			"Fields of channels and of their re-stream targets the API sent for the first time, each announced in the"
					+ " summary (reporting.api_fields)");

	/** Channels of the listings of every kind. */
	public static final ArchivedResource CHANNELS = ArchivedResource.named("channels", 1)
		.tally(Tally.READ, "channels.read", "Channels listed and read")
		.fact(ListingCounts.LISTED)
		.fact(ListingCounts.LISTED_LIVE)
		.fact(ListingCounts.LISTED_RE_STREAM)
		.fact(ListingCounts.LISTED_VOD2LIVE)
		.fact(UNKNOWN_STATUS)
		.source(ListingCounts.PAGES, "listing page", "listing pages")
		.fact(ListingCounts.REREADS)
		.fact(ListingCounts.DRIFT)
		.fact(NEW_FIELDS)
		// the run's unknown statuses and scaled timestamps, snapshots' and events' included, have always been on this line
		.note(10, (counts) -> String.format("listing: %s (%d live, %d re-stream, %d VOD2LIVE), %s,"
				+ " drift %d; unknown statuses %d, scaled timestamps %d",
				SummaryNote.count(counts.get(ListingCounts.LISTED), "channel", "channels"),
				counts.get(ListingCounts.LISTED_LIVE), counts.get(ListingCounts.LISTED_RE_STREAM),
				counts.get(ListingCounts.LISTED_VOD2LIVE),
				SummaryNote.count(counts.get(ListingCounts.REREADS), "re-read", "re-reads"),
				counts.get(ListingCounts.DRIFT), counts.get(UNKNOWN_STATUS) + counts.get("snapshots.unknown_status"),
				counts.get("events.scaled_timestamps")))
		.build();

	private ChannelResource() {
	}

}
