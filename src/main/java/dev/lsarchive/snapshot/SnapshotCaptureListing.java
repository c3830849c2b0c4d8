package dev.lsarchive.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.ChannelDto;
import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.ChannelListing;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.ListingCounts;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.normalize.WholeNumber;

/**
 * What a snapshot capture reads: the snapshots that the listings of every kind of channel carry now
 * and that the archive does not hold yet. A snapshot archived before (captured, or found expired)
 * is not asked for again: its info cannot change, and expired info never comes back. A listing
 * entry whose snapshot id is not an integer is left to the nightly run, which quarantines it.
 */
final class SnapshotCaptureListing implements Supplier<SnapshotListing> {

	private static final Logger log = LoggerFactory.getLogger(SnapshotCaptureListing.class);

	private static final String ARCHIVED = """
			SELECT s.channel_id, s.snapshot_id FROM livestation.snapshot s
			JOIN unnest(?::text[], ?::bigint[]) AS i(channel_id, snapshot_id)
			  ON s.channel_id = i.channel_id AND s.snapshot_id = i.snapshot_id
			""";

	private final LiveStationClient client;

	private final JdbcTemplate jdbc;

	private final int pageSize;

	private final int maxRereads;

	SnapshotCaptureListing(LiveStationClient client, JdbcTemplate jdbc, int pageSize, int maxRereads) {
		this.client = client;
		this.jdbc = jdbc;
		this.pageSize = pageSize;
		this.maxRereads = maxRereads;
	}

	@Override
	public SnapshotListing get() {
		List<ListedSnapshot> listed = new ArrayList<>();
		ListingCounts counts = new ListingCounts();
		for (ChannelKind kind : ChannelKind.values()) {
			ChannelListing listing = ChannelListing.read(this.client, kind, this.pageSize, this.maxRereads);
			counts.add(kind, listing);
			for (ChannelDto channel : listing.channels()) {
				Long snapshotId = WholeNumber.parse(channel.snapshotId());
				if (channel.channelId() != null && !channel.channelId().isBlank() && snapshotId != null) {
					listed.add(new ListedSnapshot(channel.channelId().trim(), snapshotId, channel.channelStatus(),
							false));
				}
			}
		}
		Set<String> archived = new HashSet<>(this.jdbc.query(ARCHIVED, (ps) -> {
			SqlArrays.bind(ps, 1, "text", listed.stream().map(ListedSnapshot::channelId).toArray());
			SqlArrays.bind(ps, 2, "bigint", listed.stream().map(ListedSnapshot::snapshotId).toArray());
		}, (rs, n) -> rs.getString(1) + "/" + rs.getLong(2)));
		List<ListedSnapshot> toRead = new ArrayList<>(listed.stream()
			.filter((s) -> !archived.contains(s.channelId() + "/" + s.snapshotId()))
			.toList());
		toRead.sort(Comparator.comparing(ListedSnapshot::channelId));
		log.info("Snapshot capture: {} channels listed, carrying {} snapshots: {} archived already, {} to read",
				counts.listed(), listed.size(), listed.size() - toRead.size(), toRead.size());
		return new SnapshotListing(toRead, counts, listed.size() - toRead.size());
	}

}
