package dev.lsarchive.recording;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.RecordingDto;

/**
 * The recordings list of one channel, as read.
 *
 * @param channelId the channel asked
 * @param onairThrough the newest ONAIR_START / ONAIR_END event archived for it when it was chosen
 * @param recordings the recordings, or null when the API no longer knows the channel
 * @param unfinishedOnly whether {@code recordings} are the channel's unfinished ones, each asked alone, not its list
 */
record RecordingList(String channelId, @Nullable Instant onairThrough, @Nullable List<RecordingDto> recordings,
		boolean unfinishedOnly) {
}
