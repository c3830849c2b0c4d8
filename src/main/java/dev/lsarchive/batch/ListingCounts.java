package dev.lsarchive.batch;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.ChannelListing;

/**
 * What a pass over the channel listings of every kind counted (channels listed by kind, pages,
 * re-reads, drift), kept alike by every step that lists channels: the nightly channels step and a
 * snapshot capture, whose summaries show it as their listing.
 */
public final class ListingCounts {

	private static final Map<ChannelKind, Counter> LISTED = new EnumMap<>(Map.of(ChannelKind.LIVE,
			Counter.CHANNELS_LISTED_LIVE, ChannelKind.RE_STREAM, Counter.CHANNELS_LISTED_RE_STREAM,
			ChannelKind.VOD2LIVE, Counter.CHANNELS_LISTED_VOD2LIVE));

	private final Map<Counter, Long> counts = new EnumMap<>(Counter.class);

	/** Counts the listing of one kind of channel. */
	public void add(ChannelKind kind, ChannelListing listing) {
		long channels = listing.channels().size();
		this.counts.merge(Counter.CHANNELS_LISTED, channels, Long::sum);
		this.counts.merge(LISTED.get(kind), channels, Long::sum);
		this.counts.merge(Counter.LISTING_PAGES, listing.pages(), Long::sum);
		this.counts.merge(Counter.LISTING_REREADS, listing.rereads(), Long::sum);
		this.counts.merge(Counter.LISTING_DRIFT, listing.drift(), Long::sum);
	}

	/** Channels listed, of every kind. */
	public long listed() {
		return this.counts.getOrDefault(Counter.CHANNELS_LISTED, 0L);
	}

	/** Puts every count, zeros included, into a step's context (a reader's {@code update}). */
	public void putInto(ExecutionContext context) {
		for (Counter counter : new Counter[] { Counter.CHANNELS_LISTED, Counter.CHANNELS_LISTED_LIVE,
				Counter.CHANNELS_LISTED_RE_STREAM, Counter.CHANNELS_LISTED_VOD2LIVE, Counter.LISTING_PAGES,
				Counter.LISTING_REREADS, Counter.LISTING_DRIFT }) {
			context.putLong(counter.contextKey(), this.counts.getOrDefault(counter, 0L));
		}
	}

}
