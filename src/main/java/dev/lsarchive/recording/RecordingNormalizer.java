package dev.lsarchive.recording;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.RecordingDto;
import dev.lsarchive.normalize.EpochTime;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.normalize.StorableText;
import dev.lsarchive.normalize.WholeNumber;

/** Turns a channel's recordings into {@link RecordingRow}s, or quarantine entries saying why not. */
class RecordingNormalizer implements ItemProcessor<RecordingList, ChannelRecordings> {

	// what the API sends for a file not uploaded yet
	private static final String NOT_UPLOADED = "-";

	private final EpochTime epochTime;

	private final Clock clock;

	RecordingNormalizer(Clock clock) {
		this.epochTime = new EpochTime(clock);
		this.clock = clock;
	}

	/** The request a channel's recordings come from. */
	static String endpoint(String channelId) {
		return ApiPath.RECORDINGS.label(channelId);
	}

	@Override
	public ChannelRecordings process(RecordingList list) {
		if (list.recordings() == null) {
			return new ChannelRecordings(list.channelId(), list.onairThrough(), true, List.of(), false);
		}
		List<Outcome<RecordingRow>> outcomes = new ArrayList<>(list.recordings().size());
		for (RecordingDto recording : list.recordings()) {
			outcomes.add(normalize(list.channelId(), recording, list.unfinishedOnly()
					? ApiPath.RECORDING.label(list.channelId(), String.valueOf(recording.recordId()))
					: endpoint(list.channelId())));
		}
		return new ChannelRecordings(list.channelId(), list.onairThrough(), false, outcomes, list.unfinishedOnly());
	}

	Outcome<RecordingRow> normalize(String channelId, RecordingDto r) {
		return normalize(channelId, r, endpoint(channelId));
	}

	// endpoint: the request the recording came from, for its quarantine record
	private Outcome<RecordingRow> normalize(String channelId, RecordingDto r, String endpoint) {
		StorableText.Fields text = new StorableText.Fields();
		String recordId = trimmed(text.identifier("recordId", r.recordId()));
		String ownChannel = trimmed(text.identifier("channelId", r.channelId()));
		String recordType = upper(text.identifier("recordType", r.recordType()));
		String status = upper(text.identifier("status", r.status()));
		String resolution = text.text("resolution", r.resolution());
		String fileName = text.text("fileName", r.fileName());
		String uploadPath = text.text("uploadPath", r.uploadPath());
		String objectStorageUrl = text.text("objectStorageUrl", r.objectStorageUrl());
		String audioCodec = trimmed(text.identifier("audioCodec", r.audioCodec()));
		if (text.problem() != null) {
			return reject(endpoint, channelId, r, text.problem());
		}
		if (recordId == null || recordId.isEmpty()) {
			return reject(endpoint, channelId, r, "missing recordId");
		}
		if (ownChannel != null && !ownChannel.isEmpty() && !ownChannel.equals(channelId)) {
			return reject(endpoint, channelId, r, "the recording names channel " + ownChannel + ", not the channel asked");
		}
		if (status == null || status.isEmpty()) {
			return reject(endpoint, channelId, r, "missing status");
		}
		try {
			return Outcome.archive(new RecordingRow(channelId, recordId, recordType, status,
					whole(r.recordSeq(), "recordSeq"), whole(r.streamSeq(), "streamSeq"),
					instant(r.recordBeginTime(), "recordBeginTime"), instant(r.createdTime(), "createdTime"),
					// Live Station keeps its copy for days: far in the future is not absurd here
					instant(r.shouldDeleteTime(), "shouldDeleteTime"), seconds(r.duration()), resolution, fileName,
					uploadPath, (objectStorageUrl == null || NOT_UPLOADED.equals(objectStorageUrl.trim())) ? null
							: objectStorageUrl.trim(),
					whole(r.videoBitrate(), "videoBitrate"), decimal(r.videoFrameRate(), "videoFrameRate"),
					whole(r.audioBitrate(), "audioBitrate"), audioCodec, StorableText.json(r.payload()), r.fields()));
		}
		catch (IllegalArgumentException ex) {
			return reject(endpoint, channelId, r, ex.getMessage());
		}
	}

	private @Nullable Instant instant(@Nullable String value, String field) {
		if (value == null) {
			return null;
		}
		EpochTime.Parsed parsed = this.epochTime.parse(value, field);
		if (!parsed.valid()) {
			if ("shouldDeleteTime".equals(field)) {
				return laterInstant(value, field);
			}
			throw new IllegalArgumentException(parsed.error());
		}
		return parsed.instant();
	}

	// the deletion time lies ahead: accepted up to ten years out, in milliseconds only
	private Instant laterInstant(String value, String field) {
		Long millis = WholeNumber.parse(value);
		if (millis == null || millis < EpochTime.EARLIEST.toEpochMilli()
				|| millis > this.clock.instant().plusSeconds(10L * 366 * 86_400).toEpochMilli()) {
			throw new IllegalArgumentException(field + " is not a usable epoch-milliseconds instant: " + value);
		}
		return Instant.ofEpochMilli(millis);
	}

	private static @Nullable Long seconds(@Nullable String value) {
		BigDecimal seconds = decimal(value, "duration");
		if (seconds == null) {
			return null;
		}
		if (seconds.signum() < 0) {
			throw new IllegalArgumentException("duration is negative: " + value);
		}
		return seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
	}

	private static @Nullable Long whole(@Nullable String value, String field) {
		if (value == null) {
			return null;
		}
		Long whole = WholeNumber.parse(value);
		if (whole == null) {
			throw new IllegalArgumentException(field + " is not an integer: " + value);
		}
		return whole;
	}

	private static @Nullable BigDecimal decimal(@Nullable String value, String field) {
		if (value == null) {
			return null;
		}
		try {
			BigDecimal decimal = new BigDecimal(value.trim());
			if (decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
				throw new IllegalArgumentException(field + " is out of range: " + value);
			}
			return decimal;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(field + " is not a number: " + value);
		}
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return (value != null) ? value.trim() : null;
	}

	private static @Nullable String upper(@Nullable String value) {
		return (value != null) ? value.trim().toUpperCase(Locale.ROOT) : null;
	}

	private static Outcome<RecordingRow> reject(String endpoint, String channelId, RecordingDto recording,
			String reason) {
		return Outcome.quarantine(new QuarantineRecord("recording", endpoint, channelId, reason,
				recording.payload()));
	}

}
