package dev.lsarchive.recording;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.DataErrorScan;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.batch.UpsertWriter;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.quarantine.QuarantineWriter;
import dev.lsarchive.reporting.ApiFields;

/**
 * Writes the recordings of a chunk of channels (its items, each the answers of one or a few channels)
 * with one upsert, each with the record as received (unchanged recordings are not touched; a new
 * status moves {@code status_since}), and notes for each channel what it was asked with, and the
 * fields received in {@code reporting.api_fields}, in the same transaction. A recording the database
 * refuses for a reason of its data is found by {@link DataErrorScan} and quarantined.
 */
class RecordingWriter extends UpsertWriter<List<ChannelRecordings>, RecordingRow> {

	// a recording received byte for byte as last written, its columns as they are, is left out before its
	// payload is parsed: most of a channel's recordings are unchanged
	private static final String UPSERT = """
			INSERT INTO livestation.recording AS r (channel_id, record_id, record_type, status, record_seq, stream_seq,
			    record_begin_at, created_at, should_delete_at, duration_seconds, resolution, file_name, upload_path,
			    object_storage_url, video_bitrate, video_frame_rate, audio_bitrate, audio_codec, payload, payload_sha256,
			    status_since, first_archived_at, last_archived_at)
			SELECT i.channel_id, i.record_id, i.record_type, i.status, i.record_seq, i.stream_seq, i.record_begin_at,
			       i.created_at, i.should_delete_at, i.duration_seconds, i.resolution, i.file_name, i.upload_path,
			       i.object_storage_url, i.video_bitrate, i.video_frame_rate, i.audio_bitrate, i.audio_codec,
			       i.payload::jsonb, i.payload_sha256, ?, ?, ?
			FROM (SELECT u.*, sha256(convert_to(u.payload, 'UTF8')) AS payload_sha256
			      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[],
			          ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
			          ?::bigint[], ?::numeric[], ?::bigint[], ?::text[], %s)
			          AS u(channel_id, record_id, record_type, status, record_seq, stream_seq, record_begin_at, created_at,
			               should_delete_at, duration_seconds, resolution, file_name, upload_path, object_storage_url,
			               video_bitrate, video_frame_rate, audio_bitrate, audio_codec, payload)
			      OFFSET 0) i
			LEFT JOIN livestation.recording x ON x.channel_id = i.channel_id AND x.record_id = i.record_id
			WHERE x.channel_id IS NULL OR x.payload_sha256 IS DISTINCT FROM i.payload_sha256
			   OR (x.record_type, x.status, x.record_seq, x.stream_seq, x.record_begin_at, x.created_at,
			       x.should_delete_at, x.duration_seconds, x.resolution, x.file_name, x.upload_path, x.object_storage_url,
			       x.video_bitrate, x.video_frame_rate, x.audio_bitrate, x.audio_codec)
			      IS DISTINCT FROM
			      (i.record_type, i.status, i.record_seq, i.stream_seq, i.record_begin_at, i.created_at,
			       i.should_delete_at, i.duration_seconds, i.resolution, i.file_name, i.upload_path, i.object_storage_url,
			       i.video_bitrate, i.video_frame_rate, i.audio_bitrate, i.audio_codec)
			ON CONFLICT (channel_id, record_id) DO UPDATE SET record_type = excluded.record_type,
			    status = excluded.status, record_seq = excluded.record_seq, stream_seq = excluded.stream_seq,
			    record_begin_at = excluded.record_begin_at, created_at = excluded.created_at,
			    should_delete_at = excluded.should_delete_at, duration_seconds = excluded.duration_seconds,
			    resolution = excluded.resolution, file_name = excluded.file_name, upload_path = excluded.upload_path,
			    object_storage_url = excluded.object_storage_url, video_bitrate = excluded.video_bitrate,
			    video_frame_rate = excluded.video_frame_rate, audio_bitrate = excluded.audio_bitrate,
			    audio_codec = excluded.audio_codec, payload = excluded.payload, payload_sha256 = excluded.payload_sha256,
			    status_since = CASE WHEN r.status = excluded.status THEN r.status_since ELSE excluded.status_since END,
			    last_archived_at = excluded.last_archived_at
			WHERE (r.record_type, r.status, r.record_seq, r.stream_seq, r.record_begin_at, r.created_at,
			       r.should_delete_at, r.duration_seconds, r.resolution, r.file_name, r.upload_path, r.object_storage_url,
			       r.video_bitrate, r.video_frame_rate, r.audio_bitrate, r.audio_codec, r.payload)
			    IS DISTINCT FROM
			      (excluded.record_type, excluded.status, excluded.record_seq, excluded.stream_seq,
			       excluded.record_begin_at, excluded.created_at, excluded.should_delete_at, excluded.duration_seconds,
			       excluded.resolution, excluded.file_name, excluded.upload_path, excluded.object_storage_url,
			       excluded.video_bitrate, excluded.video_frame_rate, excluded.audio_bitrate, excluded.audio_codec,
			       excluded.payload)
			""".formatted(SqlArrays.JSON_TEXTS);

	// the paths of a recording that a column holds
	private static final Set<String> MAPPED = Set.of("recordId", "channelId", "recordType", "status", "recordSeq",
			"streamSeq", "recordBeginTime", "createdTime", "shouldDeleteTime", "duration", "resolution", "fileName",
			"videoBitrate", "videoFrameRate", "audioBitrate", "audioCodec", "uploadPath", "objectStorageUrl");

	private static final String CHECKED = """
			INSERT INTO livestation.recording_check AS k (channel_id, checked_at, onair_seen_through, channel_gone)
			SELECT i.channel_id, ?, i.onair_through, i.gone
			FROM unnest(?::text[], ?::timestamptz[], ?::boolean[]) AS i(channel_id, onair_through, gone)
			ON CONFLICT (channel_id) DO UPDATE SET checked_at = excluded.checked_at,
			    onair_seen_through = greatest(k.onair_seen_through, excluded.onair_seen_through),
			    channel_gone = excluded.channel_gone
			""";

	private final JdbcTemplate jdbc;

	private final ApiFields apiFields;

	RecordingWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		super(RecordingResource.RECORDINGS, jdbc.getDataSource(), quarantine);
		this.jdbc = jdbc;
		this.apiFields = new ApiFields(jdbc);
	}

	// an item is the recordings of one or a few channels: their records are what the chunk read
	@Override
	protected List<Outcome<RecordingRow>> outcomes(Chunk<? extends List<ChannelRecordings>> chunk) {
		List<Outcome<RecordingRow>> outcomes = new ArrayList<>();
		channels(chunk).forEach((channel) -> outcomes.addAll(channel.outcomes()));
		return outcomes;
	}

	@Override
	protected QuarantineRecord quarantined(DataErrorScan.Refused<RecordingRow> refused) {
		return new QuarantineRecord("recording", RecordingNormalizer.endpoint(refused.row().channelId()),
				refused.row().channelId(), refused.reason(), refused.rowJson());
	}

	@Override
	protected void written(Chunk<? extends List<ChannelRecordings>> chunk, List<RecordingRow> stored, RunContext run) {
		List<ChannelRecordings> channels = channels(chunk);
		checked(channels, run.observedAt());
		count(RecordingResource.CHANNELS_ASKED, channels.size());
		count(RecordingResource.UNFINISHED_ONLY, channels.stream().filter(ChannelRecordings::unfinishedOnly).count());
		ApiFields.Seen fields = new ApiFields.Seen();
		stored.forEach((row) -> fields.add(row.fields()));
		count(RecordingResource.NEW_FIELDS, this.apiFields.add("recording", fields, MAPPED, run));
	}

	@Override
	protected int upsert(List<RecordingRow> rows, RunContext run) {
		Timestamp observed = Timestamp.from(run.observedAt());
		return this.jdbc.update(UPSERT, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			ps.setTimestamp(3, observed);
			SqlArrays.bind(ps, 4, "text", rows.stream().map(RecordingRow::channelId).toArray());
			SqlArrays.bind(ps, 5, "text", rows.stream().map(RecordingRow::recordId).toArray());
			SqlArrays.bind(ps, 6, "text", rows.stream().map(RecordingRow::recordType).toArray());
			SqlArrays.bind(ps, 7, "text", rows.stream().map(RecordingRow::status).toArray());
			SqlArrays.bind(ps, 8, "bigint", rows.stream().map(RecordingRow::recordSeq).toArray());
			SqlArrays.bind(ps, 9, "bigint", rows.stream().map(RecordingRow::streamSeq).toArray());
			SqlArrays.bind(ps, 10, "timestamptz", rows.stream().map((r) -> SqlArrays.timestamp(r.recordBeginAt())).toArray());
			SqlArrays.bind(ps, 11, "timestamptz", rows.stream().map((r) -> SqlArrays.timestamp(r.createdAt())).toArray());
			SqlArrays.bind(ps, 12, "timestamptz", rows.stream().map((r) -> SqlArrays.timestamp(r.shouldDeleteAt())).toArray());
			SqlArrays.bind(ps, 13, "bigint", rows.stream().map(RecordingRow::durationSeconds).toArray());
			SqlArrays.bind(ps, 14, "text", rows.stream().map(RecordingRow::resolution).toArray());
			SqlArrays.bind(ps, 15, "text", rows.stream().map(RecordingRow::fileName).toArray());
			SqlArrays.bind(ps, 16, "text", rows.stream().map(RecordingRow::uploadPath).toArray());
			SqlArrays.bind(ps, 17, "text", rows.stream().map(RecordingRow::objectStorageUrl).toArray());
			SqlArrays.bind(ps, 18, "bigint", rows.stream().map(RecordingRow::videoBitrate).toArray());
			SqlArrays.bind(ps, 19, "numeric", rows.stream().map(RecordingRow::videoFrameRate).toArray());
			SqlArrays.bind(ps, 20, "bigint", rows.stream().map(RecordingRow::audioBitrate).toArray());
			SqlArrays.bind(ps, 21, "text", rows.stream().map(RecordingRow::audioCodec).toArray());
			SqlArrays.bindJson(ps, 22, rows.stream().map(RecordingRow::payload).toList());
		});
	}

	private static List<ChannelRecordings> channels(Chunk<? extends List<ChannelRecordings>> chunk) {
		List<ChannelRecordings> channels = new ArrayList<>();
		chunk.forEach(channels::addAll);
		return channels;
	}

	private void checked(List<ChannelRecordings> channels, Instant observedAt) {
		this.jdbc.update(CHECKED, (ps) -> {
			ps.setTimestamp(1, Timestamp.from(observedAt));
			SqlArrays.bind(ps, 2, "text", channels.stream().map(ChannelRecordings::channelId).toArray());
			SqlArrays.bind(ps, 3, "timestamptz",
					channels.stream().map((c) -> SqlArrays.timestamp(c.onairThrough())).toArray());
			SqlArrays.bind(ps, 4, "boolean", channels.stream().map(ChannelRecordings::gone).toArray());
		});
	}

}
