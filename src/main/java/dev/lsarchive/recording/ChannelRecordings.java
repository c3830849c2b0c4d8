package dev.lsarchive.recording;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.normalize.Outcome;

/**
 * The normalized recordings of one channel.
 *
 * @param channelId the channel asked
 * @param onairThrough the newest recording event archived for it when it was chosen
 * @param gone whether the API no longer knows the channel
 * @param outcomes one outcome per recording read
 * @param unfinishedOnly whether only its unfinished recordings were asked, each alone
 */
record ChannelRecordings(String channelId, @Nullable Instant onairThrough, boolean gone,
		List<Outcome<RecordingRow>> outcomes, boolean unfinishedOnly) {
}
