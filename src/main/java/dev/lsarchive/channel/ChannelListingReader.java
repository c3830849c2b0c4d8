package dev.lsarchive.channel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.ChannelPage;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.Counter;

/**
 * Reads the channel list of every kind (live, re-stream, VOD2LIVE) page by page ({@code pageNo},
 * {@code pageSizeNo}) and serves each sorted by channel id, with the re-stream targets of every
 * re-stream channel read from its channel info as it is served. A list drifts while it is paged: when the records collected disagree
 * with the {@code total} the API reported (or a channel shows up twice), the list is read again,
 * up to {@code maxRereads} times; what still disagrees is reported as drift, and the union of
 * every pass is archived, never a silently partial list. A restarted step reads the list again and
 * skips by identity the channels its committed chunks already listed for the run date: the list
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

	private long listed;

	private long pagesRead;

	private long rereads;

	private long drift;

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
		this.rereads = 0;
		this.drift = 0;
		for (ChannelKind kind : ChannelKind.values()) {
			listing.addAll(readListing(kind));
		}
		this.listed = listing.size();
		if (this.position > 0) {
			Set<String> committed = new HashSet<>(this.jdbc.queryForList(ALREADY_LISTED, String.class, this.runDate));
			listing = listing.stream()
				.filter((c) -> c.channelId() == null || !committed.contains(c.channelId().trim()))
				.toList();
			log.info("Resuming the channel list: {} of {} channels were committed before", committed.size(), this.listed);
		}
		this.channels = listing;
		this.next = 0;
	}

	private List<ChannelDto> readListing(ChannelKind kind) {
		Map<String, ChannelDto> union = new LinkedHashMap<>();
		List<ChannelDto> withoutId = new ArrayList<>();
		Pass pass = null;
		long rereadsOfKind = 0;
		for (int attempt = 0; attempt <= this.maxRereads; attempt++) {
			pass = readOnce(kind);
			pass.byId.forEach(union::put);
			if (pass.consistent()) {
				rereadsOfKind = attempt;
				union = pass.byId;
				withoutId = pass.withoutId;
				break;
			}
			log.warn("{} channel list drifted while paging (pass {}: {} records, {} distinct, {} duplicates, totals {}); reading it again",
					kind, attempt + 1, pass.records, pass.byId.size(), pass.duplicates, pass.totals);
			rereadsOfKind = attempt + 1;
			withoutId = pass.withoutId;
		}
		if (pass != null && !pass.consistent()) {
			long lastTotal = pass.totals.stream().mapToLong(Long::longValue).max().orElse(0);
			long driftOfKind = Math.max(1, Math.abs(lastTotal - (union.size() + withoutId.size())));
			this.drift += driftOfKind;
			rereadsOfKind = this.maxRereads;
			log.warn("{} channel list still inconsistent after {} re-reads: archiving the union of every pass ({} channels) and reporting drift {}",
					kind, this.maxRereads, union.size(), driftOfKind);
		}
		this.rereads += rereadsOfKind;
		List<ChannelDto> sorted = new ArrayList<>(union.values());
		sorted.sort(Comparator.comparing(ChannelDto::channelId));
		sorted.addAll(withoutId);
		return sorted;
	}

	private Pass readOnce(ChannelKind kind) {
		Pass pass = new Pass();
		int pageNo = 1;
		while (true) {
			ChannelPage page = this.client.channelPage(kind, pageNo, this.pageSize);
			this.pagesRead++;
			pass.totals.add(page.total());
			for (ChannelDto channel : page.content()) {
				pass.records++;
				String id = (channel.channelId() != null) ? channel.channelId().trim() : "";
				if (id.isEmpty()) {
					pass.withoutId.add(channel);
				}
				else if (pass.byId.put(id, channel) != null) {
					pass.duplicates++;
				}
			}
			long pages = (page.total() < 0) ? Long.MAX_VALUE : (page.total() + this.pageSize - 1) / this.pageSize;
			if (page.content().isEmpty() || pageNo >= pages) {
				return pass;
			}
			pageNo++;
		}
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
		context.putLong(Counter.CHANNELS_LISTED.contextKey(), this.listed);
		context.putLong(Counter.LISTING_PAGES.contextKey(), this.pagesRead);
		context.putLong(Counter.LISTING_REREADS.contextKey(), this.rereads);
		context.putLong(Counter.LISTING_DRIFT.contextKey(), this.drift);
	}

	@Override
	public void close() {
		this.channels = List.of();
	}

	/** One pass over every page. */
	private static final class Pass {

		final Map<String, ChannelDto> byId = new LinkedHashMap<>();

		final List<ChannelDto> withoutId = new ArrayList<>();

		final Set<Long> totals = new HashSet<>();

		long records;

		long duplicates;

		boolean consistent() {
			return this.duplicates == 0 && this.totals.size() == 1
					&& this.totals.iterator().next() == this.byId.size() + this.withoutId.size();
		}

	}

}
