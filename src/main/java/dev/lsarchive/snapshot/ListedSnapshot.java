package dev.lsarchive.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot a channel listing carried.
 *
 * @param channelId channel whose listing carried it
 * @param snapshotId {@code snapshot.snapshotId}
 * @param listedStatus the channel's status as listed
 * @param archived whether the archive holds it already (captured, or found expired): its info is not
 * asked again, since captured info cannot change and expired info never comes back
 */
record ListedSnapshot(String channelId, long snapshotId, @Nullable String listedStatus, boolean archived) {
}
