package dev.lsarchive.recording;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A normalized recording, as stored in {@code livestation.recording}.
 *
 * @param channelId channel that recorded
 * @param recordId record id
 * @param recordType {@code MP4} or {@code HLS}
 * @param status upper-case status
 * @param recordSeq sequence of the recording
 * @param streamSeq sequence of the stream
 * @param recordBeginAt recording start
 * @param createdAt record creation
 * @param shouldDeleteAt when Live Station drops its copy
 * @param durationSeconds length in seconds
 * @param resolution resolution
 * @param fileName file name
 * @param uploadPath upload path
 * @param objectStorageUrl object storage URL; null while not uploaded ({@code "-"})
 * @param videoBitrate video bitrate
 * @param videoFrameRate video frame rate
 * @param audioBitrate audio bitrate
 * @param audioCodec audio codec
 * @param payload the recording as received, secrets removed (JSON, as jsonb holds it)
 * @param fields the paths of its fields ({@code reporting.api_fields})
 */
record RecordingRow(String channelId, String recordId, @Nullable String recordType, String status,
		@Nullable Long recordSeq, @Nullable Long streamSeq, @Nullable Instant recordBeginAt, @Nullable Instant createdAt,
		@Nullable Instant shouldDeleteAt, @Nullable Long durationSeconds, @Nullable String resolution,
		@Nullable String fileName, @Nullable String uploadPath, @Nullable String objectStorageUrl,
		@Nullable Long videoBitrate, @Nullable BigDecimal videoFrameRate, @Nullable Long audioBitrate,
		@Nullable String audioCodec, String payload, Set<String> fields) {

	/** The statuses a recording ends in: after one of them the API changes it no more. */
	static final List<String> FINAL_STATUSES = List.of("TRANSFER_FINISH", "TRANSFER_FAIL", "DELETED");

}
