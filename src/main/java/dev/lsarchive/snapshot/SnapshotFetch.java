package dev.lsarchive.snapshot;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.SnapshotDto;

/**
 * The snapshot info fetched for one listed (channel, snapshot id).
 *
 * @param channelId channel that listed the snapshot
 * @param snapshotId snapshot id from the listing
 * @param listedStatus the channel's status as its listing showed it (kept when the info is gone)
 * @param snapshot the API's answer, or null when its info can no longer be read (404 / 250004)
 */
record SnapshotFetch(String channelId, long snapshotId, @Nullable String listedStatus, @Nullable SnapshotDto snapshot) {
}
