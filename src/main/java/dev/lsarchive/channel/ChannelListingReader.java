package dev.lsarchive.channel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.ChannelListing;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.ListingCounts;

/**
 * Reads the channel list of every kind (live, re-stream, VOD2LIVE), each healed against its own
 * {@code total} ({@link ChannelListing}), and serves each sorted by channel id, with the re-stream
 * targets of every re-stream channel read from its channel info as it is served. A restarted step
 * reads the list again and skips by identity the channels its committed chunks already listed for the run date: the list
 * may have changed in between, so a count of items would skip the wrong ones.
 */
class ChannelListingReader implements ItemStreamReader<ChannelDto> {

	private static final String READ = "channels.position";

	private static final String ALREADY_LISTED = "SELECT channel_id FROM livestation.listed_channel WHERE run_date = ?";

	private static final Logger log = LoggerFactory.getLogger(ChannelListingReader.class);

	private final LiveStationClient client;

	private final int pageSize;

	private final int maxRereads;

	private final JdbcTemplate jdbc;

	private final LocalDate runDate;

	private List<ChannelDto> channels = List.of();

	private int next;

	private long position;

	private ListingCounts listingCounts = new ListingCounts();

	ChannelListingReader(LiveStationClient client, int pageSize, int maxRereads, JdbcTemplate jdbc, LocalDate runDate) {
		this.client = client;
		this.pageSize = pageSize;
		this.maxRereads = maxRereads;
		this.jdbc = jdbc;
		this.runDate = runDate;
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getLong(READ, 0);
		List<ChannelDto> listing = new ArrayList<>();
		this.listingCounts = new ListingCounts();
		for (ChannelKind kind : ChannelKind.values()) {
			ChannelListing ofKind = ChannelListing.read(this.client, kind, this.pageSize, this.maxRereads);
			listing.addAll(ofKind.channels());
			this.listingCounts.add(kind, ofKind);
		}
		if (this.position > 0) {
			Set<String> committed = new HashSet<>(this.jdbc.queryForList(ALREADY_LISTED, String.class, this.runDate));
			listing = listing.stream()
				.filter((c) -> c.channelId() == null || !committed.contains(c.channelId().trim()))
				.toList();
			log.info("Resuming the channel list: {} of {} channels were committed before", committed.size(),
					this.listingCounts.listed());
		}
		this.channels = listing;
		this.next = 0;
	}

	@Override
	public ChannelDto read() {
		if (this.next >= this.channels.size()) {
			return null;
		}
		this.position++;
		ChannelDto channel = this.channels.get(this.next++);
		if (channel.kind() == ChannelKind.RE_STREAM && channel.channelId() != null && !channel.channelId().isBlank()) {
			// a channel deleted since it was listed has no info: its targets are left as archived
			channel = this.client.restreamTargets(channel.channelId().trim()).map(channel::withTargets).orElse(channel);
		}
		return channel;
	}

	@Override
	public void update(ExecutionContext context) {
		CommittedState.guard(context, READ);
		context.putLong(READ, this.position);
		this.listingCounts.putInto(context);
	}

	@Override
	public void close() {
		this.channels = List.of();
	}

}
