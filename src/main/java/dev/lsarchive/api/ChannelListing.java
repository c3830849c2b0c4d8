package dev.lsarchive.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole listing of one kind of channel, read page by page ({@code pageNo}, {@code pageSizeNo})
 * and sorted by channel id. A list drifts while it is paged: when the records collected disagree
 * with the {@code total} the API reported (or a channel shows up twice), the list is read again, up
 * to {@code maxRereads} times; what still disagrees is reported as drift, and the union of every
 * pass is returned, never a silently partial list.
 *
 * @param channels the channels, sorted by id, those without an id last
 * @param pages pages read
 * @param rereads extra passes needed
 * @param drift channels by which the last pass still disagreed with its total (0: consistent)
 */
public record ChannelListing(List<ChannelDto> channels, long pages, long rereads, long drift) {

	private static final Logger log = LoggerFactory.getLogger(ChannelListing.class);

	/** Reads the listing of {@code kind}. */
	public static ChannelListing read(LiveStationClient client, ChannelKind kind, int pageSize, int maxRereads) {
		Map<String, ChannelDto> union = new LinkedHashMap<>();
		List<ChannelDto> withoutId = new ArrayList<>();
		long[] pages = { 0 };
		Pass pass = null;
		long rereads = 0;
		long drift = 0;
		for (int attempt = 0; attempt <= maxRereads; attempt++) {
			pass = Pass.read(client, kind, pageSize, pages);
			pass.byId.forEach(union::put);
			if (pass.consistent()) {
				rereads = attempt;
				union = pass.byId;
				withoutId = pass.withoutId;
				break;
			}
			log.warn("{} channel list drifted while paging (pass {}: {} records, {} distinct, {} duplicates, totals {}); reading it again",
					kind, attempt + 1, pass.records, pass.byId.size(), pass.duplicates, pass.totals);
			rereads = attempt + 1;
			withoutId = pass.withoutId;
		}
		if (pass != null && !pass.consistent()) {
			long lastTotal = pass.totals.stream().mapToLong(Long::longValue).max().orElse(0);
			drift = Math.max(1, Math.abs(lastTotal - (union.size() + withoutId.size())));
			rereads = maxRereads;
			log.warn("{} channel list still inconsistent after {} re-reads: keeping the union of every pass ({} channels) and reporting drift {}",
					kind, maxRereads, union.size(), drift);
		}
		List<ChannelDto> sorted = new ArrayList<>(union.values());
		sorted.sort(Comparator.comparing(ChannelDto::channelId));
		sorted.addAll(withoutId);
		return new ChannelListing(List.copyOf(sorted), pages[0], rereads, drift);
	}

	/** One pass over every page. */
	private static final class Pass {

		final Map<String, ChannelDto> byId = new LinkedHashMap<>();

		final List<ChannelDto> withoutId = new ArrayList<>();

		final Set<Long> totals = new HashSet<>();

		long records;

		long duplicates;

		static Pass read(LiveStationClient client, ChannelKind kind, int pageSize, long[] pagesRead) {
			Pass pass = new Pass();
			int pageNo = 1;
			while (true) {
				ChannelPage page = client.channelPage(kind, pageNo, pageSize);
				pagesRead[0]++;
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
				long pages = (page.total() < 0) ? Long.MAX_VALUE : (page.total() + pageSize - 1) / pageSize;
				if (page.content().isEmpty() || pageNo >= pages) {
					return pass;
				}
				pageNo++;
			}
		}

		boolean consistent() {
			return this.duplicates == 0 && this.totals.size() == 1
					&& this.totals.iterator().next() == this.byId.size() + this.withoutId.size();
		}

	}

}
