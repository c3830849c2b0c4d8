package dev.lsarchive.channel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.ChannelListing;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.RestreamTarget;
import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.ListingCounts;

/**
 * Reads the channel list of every kind (live, re-stream, VOD2LIVE), each healed against its own
 * {@code total} ({@link ChannelListing}), and serves each sorted by channel id, with the re-stream
 * targets of every re-stream channel read from its channel info as it is served: those info requests
 * are sent ahead of the reading, {@code threads} at a time (each waits for the API's rate budget like
 * any other request), so that a hundred re-stream channels do not cost a hundred round trips one
 * after another; the channels are still served in order, each with its own answer. A restarted step
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

	private final int threads;

	private final JdbcTemplate jdbc;

	private final LocalDate runDate;

	private List<ChannelDto> channels = List.of();

	private int next;

	private long position;

	private ListingCounts listingCounts = new ListingCounts();

	// the info requests sent ahead, by position in this.channels; the pool lives from open() to close()
	private final Map<Integer, CompletableFuture<Optional<List<RestreamTarget>>>> targetsAhead = new HashMap<>();

	private @Nullable ExecutorService infoRequests;

	private int askedThrough;

	ChannelListingReader(LiveStationClient client, int pageSize, int maxRereads, int threads, JdbcTemplate jdbc,
			LocalDate runDate) {
		this.client = client;
		this.pageSize = pageSize;
		this.maxRereads = maxRereads;
		this.threads = threads;
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
		this.askedThrough = 0;
		this.targetsAhead.clear();
		AtomicInteger created = new AtomicInteger();
		this.infoRequests = Executors.newFixedThreadPool(this.threads, (task) -> {
			Thread thread = new Thread(task, "channels-info-" + created.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public ChannelDto read() {
		if (this.next >= this.channels.size()) {
			return null;
		}
		this.position++;
		int index = this.next++;
		ChannelDto channel = this.channels.get(index);
		if (!hasInfo(channel)) {
			return channel;
		}
		askAhead(index);
		try {
			// a channel deleted since it was listed has no info: its targets are left as archived
			return this.targetsAhead.remove(index).join().map(channel::withTargets).orElse(channel);
		}
		catch (CompletionException ex) {
			// the request's own failure, as if it had been sent here (the step tells transient from fatal by it)
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	// keeps the info of the next re-stream channels requested: twice as many answers held as threads send them
	private void askAhead(int from) {
		for (int i = Math.max(from, this.askedThrough); i < this.channels.size()
				&& this.targetsAhead.size() < this.threads * 2; i++) {
			this.askedThrough = i + 1;
			ChannelDto ahead = this.channels.get(i);
			if (hasInfo(ahead)) {
				String channelId = ahead.channelId().trim();
				this.targetsAhead.put(i,
						CompletableFuture.supplyAsync(() -> this.client.restreamTargets(channelId), this.infoRequests));
			}
		}
	}

	private static boolean hasInfo(ChannelDto channel) {
		return channel.kind() == ChannelKind.RE_STREAM && channel.channelId() != null && !channel.channelId().isBlank();
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
		this.targetsAhead.values().forEach((request) -> request.cancel(false));
		this.targetsAhead.clear();
		if (this.infoRequests != null) {
			this.infoRequests.shutdownNow();
			this.infoRequests = null;
		}
	}

}
