package dev.lsarchive.simulator;

import org.jspecify.annotations.Nullable;

/**
 * A recording of a simulated channel: what one {@code ONAIR_START} .. {@code ONAIR_END} of its
 * events left. Its status follows the account's clock: {@code RECORDING} until the end plus
 * {@link #TRANSFER_MILLIS}, then {@code TRANSFER_FINISH} (with an object storage URL) or, for about
 * one in eight, {@code TRANSFER_FAIL}.
 *
 * @param channelId channel that recorded
 * @param recordId record id (the key of {@code recordList})
 * @param recordSeq sequence of the recording in its channel
 * @param beginTime the {@code ONAIR_START} instant, epoch milliseconds
 * @param endTime the {@code ONAIR_END} instant, or null while recording
 * @param failed whether its upload fails
 * @param recordType {@code MP4} or {@code HLS}
 * @param keptMillis how long Live Station keeps its own copy after the recording ends
 */
public record SimulatedRecording(String channelId, String recordId, int recordSeq, long beginTime,
		@Nullable Long endTime, boolean failed, String recordType, long keptMillis) {

	/** How long the upload takes after the recording ends. */
	public static final long TRANSFER_MILLIS = 10 * 60_000L;

	/** The status at {@code nowMillis}. */
	public String statusAt(long nowMillis) {
		if (this.endTime == null || nowMillis < this.endTime + TRANSFER_MILLIS) {
			return "RECORDING";
		}
		return this.failed ? "TRANSFER_FAIL" : "TRANSFER_FINISH";
	}

	/** The object storage URL at {@code nowMillis}: {@code "-"} until uploaded. */
	public String objectStorageUrlAt(long nowMillis) {
		return "TRANSFER_FINISH".equals(statusAt(nowMillis))
				? "https://kr.object.ncloudstorage.com/sim-recordings/" + this.channelId + "/" + fileName() : "-";
	}

	/** When Live Station drops its copy (epoch milliseconds); null while recording. */
	public @Nullable Long shouldDeleteTime() {
		return (this.endTime != null) ? this.endTime + this.keptMillis : null;
	}

	/** Length in seconds so far (at {@code nowMillis} while recording). */
	public long durationSeconds(long nowMillis) {
		long end = (this.endTime != null) ? this.endTime : Math.max(this.beginTime, nowMillis);
		return (end - this.beginTime) / 1000;
	}

	/** The file name. */
	public String fileName() {
		return this.channelId + "-" + this.recordSeq + ("HLS".equals(this.recordType) ? ".m3u8" : ".mp4");
	}

}
