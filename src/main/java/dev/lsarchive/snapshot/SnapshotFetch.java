package dev.lsarchive.snapshot;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.SnapshotDto;

/**
 * The snapshot info fetched for one listed (channel, snapshot id).
 *
 * @param channelId channel that listed the snapshot
 * @param snapshotId snapshot id from the listing
 * @param snapshot the API's answer, or null when it no longer exists (404)
 */
record SnapshotFetch(String channelId, long snapshotId, @Nullable SnapshotDto snapshot) {
}
