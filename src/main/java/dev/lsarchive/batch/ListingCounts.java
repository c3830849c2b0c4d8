package dev.lsarchive.batch;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.ChannelListing;

/**
 * What a pass over the channel listings of every kind counted (channels listed by kind, pages,
 * re-reads, drift), kept alike by every step that lists channels: the nightly channels step and a
 * snapshot capture, whose summaries show it as their listing. Its counters are facts of the channels
 * resource, which declares them and the summary's listing line.
 */
public final class ListingCounts {

	/** Channels in the listing (its last complete pass). */
	public static final Counter LISTED = new Counter("channels.listed", "Channels in the listing (its last complete pass)");

	/** Live channels in the listing. */
	public static final Counter LISTED_LIVE = new Counter("channels.listed.live", "Live channels in the listing");

	/** Re-stream channels in the listing. */
	public static final Counter LISTED_RE_STREAM = new Counter("channels.listed.re_stream",
			"Re-stream channels in the listing");

	/** VOD2LIVE channels in the listing. */
	public static final Counter LISTED_VOD2LIVE = new Counter("channels.listed.vod2live",
			"VOD2LIVE channels in the listing");

	/** Pages of the channel listing read. */
	public static final Counter PAGES = new Counter("listing.pages", "Pages of the channel listing read");

	/** Extra passes over the listing because it drifted while paged. */
	public static final Counter REREADS = new Counter("listing.rereads",
			"Extra passes over the listing because it drifted while paged");

	/** Channels that appeared or vanished while the listing was paged. */
	public static final Counter DRIFT = new Counter("listing.drift",
			"Channels that appeared or vanished while the listing was paged");

	/** Every counter of a listing, in the order it is reported. */
	public static final List<Counter> COUNTERS = List.of(LISTED, LISTED_LIVE, LISTED_RE_STREAM, LISTED_VOD2LIVE, PAGES,
			REREADS, DRIFT);

	private static final Map<ChannelKind, Counter> LISTED_BY_KIND = new EnumMap<>(Map.of(ChannelKind.LIVE, LISTED_LIVE,
			ChannelKind.RE_STREAM, LISTED_RE_STREAM, ChannelKind.VOD2LIVE, LISTED_VOD2LIVE));

	private final Map<Counter, Long> counts = new LinkedHashMap<>();

	/** Counts the listing of one kind of channel. */
	public void add(ChannelKind kind, ChannelListing listing) {
		long channels = listing.channels().size();
		this.counts.merge(LISTED, channels, Long::sum);
		this.counts.merge(LISTED_BY_KIND.get(kind), channels, Long::sum);
		this.counts.merge(PAGES, listing.pages(), Long::sum);
		this.counts.merge(REREADS, listing.rereads(), Long::sum);
		this.counts.merge(DRIFT, listing.drift(), Long::sum);
	}

	/** Channels listed, of every kind. */
	public long listed() {
		return this.counts.getOrDefault(LISTED, 0L);
	}

	/** Puts every count, zeros included, into a step's context (a reader's {@code update}). */
	public void putInto(ExecutionContext context) {
		for (Counter counter : COUNTERS) {
			context.putLong(counter.contextKey(), this.counts.getOrDefault(counter, 0L));
		}
	}

}
