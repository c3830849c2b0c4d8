package dev.lsarchive.snapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.batch.ListingCounts;

/**
 * What a snapshot step is to read, and what listing it counted.
 *
 * @param toRead the listed snapshots whose info is to be read, in channel order
 * @param channels what the channel listings counted (null: the step listed no channels itself)
 * @param archivedAlready listed snapshots left out because the archive holds them already
 */
record SnapshotListing(List<ListedSnapshot> toRead, @Nullable ListingCounts channels, long archivedAlready) {

	/** Snapshots listed by an earlier step, all to read. */
	static SnapshotListing of(List<ListedSnapshot> toRead) {
		return new SnapshotListing(toRead, null, 0);
	}

}
