package dev.lsarchive.snapshot;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
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
 * Upserts a chunk of snapshots in one statement, each with its info as received (payload);
 * unchanged snapshots are not touched. A snapshot
 * whose info expired before any run read it is inserted with what the listing said, and never
 * replaces info captured before. A snapshot the database refuses for a reason of its data is found
 * by {@link DataErrorScan} and quarantined. The fields of the info received go into
 * {@code reporting.api_fields}.
 */
class SnapshotWriter extends UpsertWriter<Outcome<SnapshotRow>, SnapshotRow> {

	private static final String UPSERT = """
			INSERT INTO livestation.snapshot AS s (channel_id, snapshot_id, snapshot_url, channel_status,
			    channel_status_raw, created_at, expire_at, duration_minutes, payload, info_captured, first_archived_at,
			    last_archived_at)
			SELECT i.*, true, ?, ? FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
			    ?::timestamptz[], ?::integer[], ?::jsonb[])
			    AS i(channel_id, snapshot_id, snapshot_url, channel_status, channel_status_raw, created_at, expire_at,
			         duration_minutes, payload)
			ON CONFLICT (channel_id, snapshot_id) DO UPDATE SET snapshot_url = excluded.snapshot_url,
			    channel_status = excluded.channel_status, channel_status_raw = excluded.channel_status_raw,
			    created_at = excluded.created_at, expire_at = excluded.expire_at,
			    duration_minutes = excluded.duration_minutes, payload = excluded.payload, info_captured = true,
			    last_archived_at = excluded.last_archived_at
			WHERE (s.snapshot_url, s.channel_status, s.channel_status_raw, s.created_at, s.expire_at, s.duration_minutes,
			       s.payload, s.info_captured)
			    IS DISTINCT FROM (excluded.snapshot_url, excluded.channel_status, excluded.channel_status_raw,
			                      excluded.created_at, excluded.expire_at, excluded.duration_minutes, excluded.payload, true)
			""";

	// the paths of snapshot info that a column holds
	private static final Set<String> MAPPED = Set.of("channelId", "channelStatus", "snapshot", "snapshot.snapshotId",
			"snapshot.snapshotUrl", "snapshot.createdTime", "snapshot.expireTime", "snapshot.duration");

	// what the listing said of a snapshot whose info is gone; info captured before is never replaced
	private static final String EXPIRED = """
			INSERT INTO livestation.snapshot (channel_id, snapshot_id, channel_status, channel_status_raw, info_captured,
			    first_archived_at, last_archived_at)
			SELECT i.*, false, ?, ? FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[])
			    AS i(channel_id, snapshot_id, channel_status, channel_status_raw)
			ON CONFLICT (channel_id, snapshot_id) DO NOTHING
			""";

	private final JdbcTemplate jdbc;

	private final ApiFields apiFields;

	SnapshotWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		super(SnapshotResource.SNAPSHOTS, jdbc.getDataSource(), quarantine);
		this.jdbc = jdbc;
		this.apiFields = new ApiFields(jdbc);
	}

	@Override
	protected List<Outcome<SnapshotRow>> outcomes(Chunk<? extends Outcome<SnapshotRow>> chunk) {
		return Collections.unmodifiableList(chunk.getItems());
	}

	// snapshots read within their hour are upserted; expired ones only inserted with what the listing said
	@Override
	protected DataErrorScan.Result<SnapshotRow> write(List<SnapshotRow> rows, RunContext run) throws SQLException {
		DataErrorScan.Result<SnapshotRow> captured = scan(rows.stream().filter(SnapshotRow::infoCaptured).toList(),
				(part) -> upsert(part, run));
		DataErrorScan.Result<SnapshotRow> expired = scan(rows.stream().filter((r) -> !r.infoCaptured()).toList(),
				(part) -> expired(part, run.observedAt()));
		count(SnapshotResource.EXPIRED, expired.written());
		return captured.and(expired);
	}

	@Override
	protected QuarantineRecord quarantined(DataErrorScan.Refused<SnapshotRow> refused) {
		SnapshotRow row = refused.row();
		return new QuarantineRecord("snapshot", SnapshotNormalizer.endpoint(row.channelId(), row.snapshotId()),
				row.channelId(), refused.reason(), refused.rowJson());
	}

	@Override
	protected void written(Chunk<? extends Outcome<SnapshotRow>> chunk, List<SnapshotRow> stored, RunContext run) {
		count(SnapshotResource.UNKNOWN_STATUS,
				stored.stream().filter((r) -> r.infoCaptured() && !r.statusKnown()).count());
		ApiFields.Seen fields = new ApiFields.Seen();
		stored.forEach((row) -> fields.add(row.fields()));
		count(SnapshotResource.NEW_FIELDS, this.apiFields.add("snapshot", fields, MAPPED, run));
	}

	@Override
	protected int upsert(List<SnapshotRow> rows, RunContext run) {
		Timestamp observed = Timestamp.from(run.observedAt());
		return this.jdbc.update(UPSERT, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			SqlArrays.bind(ps, 3, "text", rows.stream().map(SnapshotRow::channelId).toArray());
			SqlArrays.bind(ps, 4, "bigint", rows.stream().map(SnapshotRow::snapshotId).toArray());
			SqlArrays.bind(ps, 5, "text", rows.stream().map(SnapshotRow::snapshotUrl).toArray());
			SqlArrays.bind(ps, 6, "text", rows.stream().map(SnapshotRow::channelStatus).toArray());
			SqlArrays.bind(ps, 7, "text", rows.stream().map(SnapshotRow::channelStatusRaw).toArray());
			SqlArrays.bind(ps, 8, "timestamptz", rows.stream().map((r) -> SqlArrays.timestamp(r.createdAt())).toArray());
			SqlArrays.bind(ps, 9, "timestamptz", rows.stream().map((r) -> SqlArrays.timestamp(r.expireAt())).toArray());
			SqlArrays.bind(ps, 10, "integer", rows.stream().map(SnapshotRow::durationMinutes).toArray());
			SqlArrays.bind(ps, 11, "jsonb", rows.stream().map(SnapshotRow::payload).toArray());
		});
	}

	private int expired(List<SnapshotRow> rows, Instant observedAt) {
		Timestamp observed = Timestamp.from(observedAt);
		return this.jdbc.update(EXPIRED, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			SqlArrays.bind(ps, 3, "text", rows.stream().map(SnapshotRow::channelId).toArray());
			SqlArrays.bind(ps, 4, "bigint", rows.stream().map(SnapshotRow::snapshotId).toArray());
			SqlArrays.bind(ps, 5, "text", rows.stream().map(SnapshotRow::channelStatus).toArray());
			SqlArrays.bind(ps, 6, "text", rows.stream().map(SnapshotRow::channelStatusRaw).toArray());
		});
	}

}
