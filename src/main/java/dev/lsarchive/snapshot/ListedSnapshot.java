package dev.lsarchive.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot a channel listing carried.
 *
 * @param channelId channel whose listing carried it
 * @param snapshotId {@code snapshot.snapshotId}
 * @param listedStatus the channel's status as listed
 */
record ListedSnapshot(String channelId, long snapshotId, @Nullable String listedStatus) {
}
