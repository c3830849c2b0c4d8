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
 */
record RecordingList(String channelId, @Nullable Instant onairThrough, @Nullable List<RecordingDto> recordings) {
}
