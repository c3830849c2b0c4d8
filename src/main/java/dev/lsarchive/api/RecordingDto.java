package dev.lsarchive.api;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One recording of a channel as received, every field as text.
 *
 * @param recordId record id (the key it was listed under when the record itself has none)
 * @param channelId channel that recorded
 * @param recordType {@code MP4} or {@code HLS}
 * @param status {@code RECORDING} … {@code TRANSFER_FINISH}, {@code TRANSFER_FAIL}, {@code DELETED}
 * @param recordSeq sequence of the recording
 * @param streamSeq sequence of the stream
 * @param recordBeginTime recording start, epoch milliseconds
 * @param createdTime creation, epoch milliseconds
 * @param shouldDeleteTime when Live Station drops its copy, epoch milliseconds
 * @param duration length in seconds
 * @param resolution e.g. {@code 1920x1080}
 * @param fileName file name
 * @param videoBitrate video bitrate
 * @param videoFrameRate video frame rate
 * @param audioBitrate audio bitrate
 * @param audioCodec audio codec
 * @param uploadPath upload path
 * @param objectStorageUrl object storage URL, {@code "-"} until uploaded
 * @param payload the whole record as JSON, secrets removed
 * @param fields the paths of the fields of {@code payload} ({@code objectStorageUrl}; see {@link FieldPaths}), read
 * once; empty for a recording built by hand
 */
public record RecordingDto(@Nullable String recordId, @Nullable String channelId, @Nullable String recordType,
		@Nullable String status, @Nullable String recordSeq, @Nullable String streamSeq,
		@Nullable String recordBeginTime, @Nullable String createdTime, @Nullable String shouldDeleteTime,
		@Nullable String duration, @Nullable String resolution, @Nullable String fileName,
		@Nullable String videoBitrate, @Nullable String videoFrameRate, @Nullable String audioBitrate,
		@Nullable String audioCodec, @Nullable String uploadPath, @Nullable String objectStorageUrl, String payload,
		Set<String> fields) {

	/** A recording built by hand, without field paths. */
	public RecordingDto(@Nullable String recordId, @Nullable String channelId, @Nullable String recordType,
			@Nullable String status, @Nullable String recordSeq, @Nullable String streamSeq,
			@Nullable String recordBeginTime, @Nullable String createdTime, @Nullable String shouldDeleteTime,
			@Nullable String duration, @Nullable String resolution, @Nullable String fileName,
			@Nullable String videoBitrate, @Nullable String videoFrameRate, @Nullable String audioBitrate,
			@Nullable String audioCodec, @Nullable String uploadPath, @Nullable String objectStorageUrl,
			String payload) {
		this(recordId, channelId, recordType, status, recordSeq, streamSeq, recordBeginTime, createdTime,
				shouldDeleteTime, duration, resolution, fileName, videoBitrate, videoFrameRate, audioBitrate, audioCodec,
				uploadPath, objectStorageUrl, payload, Set.of());
	}

	static RecordingDto from(@Nullable String listedAs, JsonNode node) {
		JsonNode r = PayloadRedaction.redact(node);
		if (!r.isObject()) {
			return new RecordingDto(listedAs, null, null, null, null, null, null, null, null, null, null, null, null,
					null, null, null, null, null, r.toString(), Set.of());
		}
		String recordId = JsonText.field(r, "recordId");
		return new RecordingDto((recordId != null) ? recordId : listedAs, JsonText.field(r, "channelId"),
				JsonText.field(r, "recordType"), JsonText.field(r, "status"), JsonText.field(r, "recordSeq"),
				JsonText.field(r, "streamSeq"), JsonText.field(r, "recordBeginTime"), JsonText.field(r, "createdTime"),
				JsonText.field(r, "shouldDeleteTime"), JsonText.field(r, "duration"), JsonText.field(r, "resolution"),
				JsonText.field(r, "fileName"), JsonText.field(r, "videoBitrate"), JsonText.field(r, "videoFrameRate"),
				JsonText.field(r, "audioBitrate"), JsonText.field(r, "audioCodec"), JsonText.field(r, "uploadPath"),
				JsonText.field(r, "objectStorageUrl"), r.toString(), FieldPaths.of(r));
	}

	@Override
	public String toString() {
		return "RecordingDto[" + this.channelId + "/" + this.recordId + ", status=" + this.status + "]";
	}

}
