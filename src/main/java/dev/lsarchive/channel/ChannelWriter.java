package dev.lsarchive.channel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.batch.DataErrorScan;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.batch.UpsertWriter;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.quarantine.QuarantineWriter;
import dev.lsarchive.reporting.ApiFields;
import dev.lsarchive.reporting.SessionTables;

/**
 * Writes a chunk of channels with a few set-based statements: upsert into {@code channel} (rows
 * whose content, payload included, did not change are not touched), close and open
 * {@code channel_status_history} intervals (a channel listed not publishing ends its session:
 * {@link SessionTables#markSeen}) and {@code channel_version} intervals (a change of configuration:
 * the payload without its volatile fields), record the run's listing in {@code listed_channel}, and
 * the fields received in {@code reporting.api_fields} ({@link ApiFields}). A channel the database
 * refuses for a reason of its data is found by {@link DataErrorScan} and quarantined; the others are
 * written.
 */
class ChannelWriter extends UpsertWriter<Outcome<ChannelRow>, ChannelRow> {

	private static final String UPSERT = """
			INSERT INTO livestation.channel AS c (channel_id, channel_name, channel_status, channel_status_raw,
			    quality_set_name, output_protocol, is_recording, timemachine_min, created_at, recent_publish_start_at,
			    snapshot_id, channel_type, use_dvr, instance_no, plan_type, platform_count, total_publish_seconds,
			    payload, first_archived_at, last_archived_at)
			SELECT i.*, ?, ? FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
			    ?::integer[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::text[], ?::boolean[], ?::bigint[],
			    ?::text[], ?::integer[], ?::bigint[], ?::jsonb[])
			    AS i(channel_id, channel_name, channel_status, channel_status_raw, quality_set_name, output_protocol,
			         is_recording, timemachine_min, created_at, recent_publish_start_at, snapshot_id, channel_type,
			         use_dvr, instance_no, plan_type, platform_count, total_publish_seconds, payload)
			ON CONFLICT (channel_id) DO UPDATE SET channel_name = excluded.channel_name,
			    channel_status = excluded.channel_status, channel_status_raw = excluded.channel_status_raw,
			    quality_set_name = excluded.quality_set_name, output_protocol = excluded.output_protocol,
			    is_recording = excluded.is_recording, timemachine_min = excluded.timemachine_min,
			    created_at = excluded.created_at, recent_publish_start_at = excluded.recent_publish_start_at,
			    snapshot_id = excluded.snapshot_id, channel_type = excluded.channel_type, use_dvr = excluded.use_dvr,
			    instance_no = excluded.instance_no, plan_type = excluded.plan_type,
			    platform_count = excluded.platform_count, total_publish_seconds = excluded.total_publish_seconds,
			    payload = excluded.payload, last_archived_at = excluded.last_archived_at
			WHERE (c.channel_name, c.channel_status, c.channel_status_raw, c.quality_set_name, c.output_protocol,
			       c.is_recording, c.timemachine_min, c.created_at, c.recent_publish_start_at, c.snapshot_id,
			       c.channel_type, c.use_dvr, c.instance_no, c.plan_type, c.platform_count, c.total_publish_seconds,
			       c.payload)
			    IS DISTINCT FROM
			      (excluded.channel_name, excluded.channel_status, excluded.channel_status_raw, excluded.quality_set_name,
			       excluded.output_protocol, excluded.is_recording, excluded.timemachine_min, excluded.created_at,
			       excluded.recent_publish_start_at, excluded.snapshot_id, excluded.channel_type, excluded.use_dvr,
			       excluded.instance_no, excluded.plan_type, excluded.platform_count, excluded.total_publish_seconds,
			       excluded.payload)
			""";

	// a target shown again is no longer removed; one whose payload changed keeps the new one
	private static final String ADD_TARGETS = """
			INSERT INTO livestation.restream_target AS t (channel_id, target_name, rtmp_url, payload, first_archived_at,
			    last_archived_at)
			SELECT i.channel_id, i.target_name, i.rtmp_url, i.payload, ?, ?
			FROM unnest(?::text[], ?::text[], ?::text[], ?::jsonb[]) AS i(channel_id, target_name, rtmp_url, payload)
			ON CONFLICT (channel_id, target_name, rtmp_url) DO UPDATE SET removed_at = NULL, payload = excluded.payload,
			    last_archived_at = excluded.last_archived_at
			WHERE t.removed_at IS NOT NULL OR t.payload IS DISTINCT FROM excluded.payload
			""";

	// a target the channel info no longer shows is kept, marked removed
	private static final String REMOVE_TARGETS = """
			UPDATE livestation.restream_target t SET removed_at = ?, last_archived_at = ?
			WHERE t.channel_id = ANY (?::text[]) AND t.removed_at IS NULL
			  AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[], ?::text[]) AS i(channel_id, target_name, rtmp_url)
			                  WHERE i.channel_id = t.channel_id AND i.target_name = t.target_name
			                    AND i.rtmp_url = t.rtmp_url)
			""";

	// the chunk's channels named twice: as the join, and as a condition the open intervals' index takes, so that
	// a chunk reads its own channels' intervals rather than every channel's (as estimates made before the
	// table's first analysis would have it)
	private static final String CLOSE_CHANGED_STATUS = """
			UPDATE livestation.channel_status_history h SET valid_to = ?
			FROM unnest(?::text[], ?::text[]) AS i(channel_id, channel_status)
			WHERE h.channel_id = i.channel_id AND h.valid_to IS NULL AND h.channel_status <> i.channel_status
			  AND h.valid_from < ? AND h.channel_id = ANY (?::text[])
			""";

	private static final String OPEN_NEW_STATUS = """
			INSERT INTO livestation.channel_status_history (channel_id, channel_status, channel_status_raw, valid_from)
			SELECT i.channel_id, i.channel_status, i.channel_status_raw, ?
			FROM unnest(?::text[], ?::text[], ?::text[]) AS i(channel_id, channel_status, channel_status_raw)
			WHERE NOT EXISTS (SELECT 1 FROM livestation.channel_status_history h
			                  WHERE h.channel_id = i.channel_id AND h.valid_to IS NULL)
			""";

	private static final String LIST = """
			INSERT INTO livestation.listed_channel (run_date, channel_id, snapshot_id)
			SELECT ?, i.channel_id, i.snapshot_id FROM unnest(?::text[], ?::bigint[]) AS i(channel_id, snapshot_id)
			ON CONFLICT (run_date, channel_id) DO UPDATE SET snapshot_id = excluded.snapshot_id
			WHERE livestation.listed_channel.snapshot_id IS DISTINCT FROM excluded.snapshot_id
			""";

	/**
	 * A channel's configuration: its payload without the fields that change while its configuration does
	 * not (the status has a history of its own; the latest snapshot, the publish counters and the CDN's
	 * status move every night). Documented in the README and on {@code livestation.channel_version}.
	 */
	private static final String CONFIGURATION = "((%s)"
			+ " - '{channelStatus,totalPublishSeconds,recentPublishStartTime,snapshot}'::text[]"
			+ " #- '{cdn,statusName}'::text[])";

	// a version's configuration, compared with a payload i.payload; without the targets when i.payload has none
	// (the channel info was not read: a channel gone since it was listed keeps the targets it had)
	private static final String VERSION_CONFIGURATION = "(" + CONFIGURATION
			+ " - CASE WHEN i.payload -> 'restream' IS NULL THEN '{restream}'::text[] ELSE '{}'::text[] END)";

	// the chunk's channels named twice, as in CLOSE_CHANGED_STATUS
	private static final String CLOSE_CHANGED_VERSION = """
			UPDATE livestation.channel_version v SET valid_to = ?
			FROM unnest(?::text[], ?::jsonb[]) AS i(channel_id, payload)
			WHERE v.channel_id = i.channel_id AND v.valid_to IS NULL AND v.valid_from < ?
			  AND v.channel_id = ANY (?::text[]) AND %s IS DISTINCT FROM %s
			""".formatted(VERSION_CONFIGURATION.formatted("v.payload"), CONFIGURATION.formatted("i.payload"));

	// a channel without an open version opens one: its first, or the next after a change closed the last
	private static final String OPEN_NEW_VERSION = """
			INSERT INTO livestation.channel_version (channel_id, valid_from, payload, changed_fields)
			SELECT i.channel_id, ?, i.payload,
			       CASE WHEN p.payload IS NOT NULL THEN ARRAY(
			           SELECT k.name FROM (SELECT jsonb_object_keys(%1$s) UNION SELECT jsonb_object_keys(%2$s)) AS k(name)
			           WHERE %1$s -> k.name IS DISTINCT FROM %2$s -> k.name ORDER BY k.name) END
			FROM unnest(?::text[], ?::jsonb[]) AS i(channel_id, payload)
			LEFT JOIN LATERAL (SELECT x.payload FROM livestation.channel_version x WHERE x.channel_id = i.channel_id
			                   ORDER BY x.valid_from DESC LIMIT 1) p ON true
			WHERE NOT EXISTS (SELECT 1 FROM livestation.channel_version v
			                  WHERE v.channel_id = i.channel_id AND v.valid_to IS NULL)
			""".formatted(VERSION_CONFIGURATION.formatted("p.payload"), CONFIGURATION.formatted("i.payload"));

	// the paths of a listed channel, and of a re-stream target, that a column holds
	private static final Set<String> MAPPED = Set.of("channelId", "channelName", "channelStatus", "qualitySetName",
			"outputProtocol", "isRecording", "timemachineMin", "createdTime", "recentPublishStartTime", "snapshot",
			"snapshot.snapshotId", "useDvr", "useDVR", "instanceNo", "planType", "platformCount", "totalPublishSeconds");

	private static final Set<String> TARGET_MAPPED = Set.of("targetName", "rtmpUrl");

	private final JdbcTemplate jdbc;

	private final ApiFields apiFields;

	ChannelWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		super(ChannelResource.CHANNELS, jdbc.getDataSource(), quarantine);
		this.jdbc = jdbc;
		this.apiFields = new ApiFields(jdbc);
	}

	@Override
	protected List<Outcome<ChannelRow>> outcomes(Chunk<? extends Outcome<ChannelRow>> chunk) {
		return Collections.unmodifiableList(chunk.getItems());
	}

	@Override
	protected int upsert(List<ChannelRow> rows, RunContext run) {
		int written = channels(rows, run.observedAt());
		history(rows, run.observedAt());
		targets(rows, run.observedAt());
		versions(rows, run.observedAt());
		list(rows, run);
		return written;
	}

	@Override
	protected QuarantineRecord quarantined(DataErrorScan.Refused<ChannelRow> refused) {
		return new QuarantineRecord("channel",
				ChannelNormalizer.endpoint(ChannelKind.valueOf(refused.row().channelType())), refused.row().channelId(),
				refused.reason(), refused.rowJson());
	}

	@Override
	protected void written(Chunk<? extends Outcome<ChannelRow>> chunk, List<ChannelRow> stored, RunContext run) {
		count(ChannelResource.UNKNOWN_STATUS, stored.stream().filter((r) -> !r.statusKnown()).count());
		ApiFields.Seen channels = new ApiFields.Seen();
		ApiFields.Seen targets = new ApiFields.Seen();
		for (ChannelRow row : stored) {
			channels.add(row.fields());
			if (row.targets() != null) {
				row.targets().forEach((target) -> targets.add(target.fields()));
			}
		}
		count(ChannelResource.NEW_FIELDS, this.apiFields.add("channel", channels, MAPPED, run)
				+ this.apiFields.add("restream_target", targets, TARGET_MAPPED, run));
	}

	private int channels(List<ChannelRow> rows, Instant observedAt) {
		Timestamp observed = Timestamp.from(observedAt);
		return this.jdbc.update(UPSERT, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			SqlArrays.bind(ps, 3, "text", rows.stream().map(ChannelRow::channelId).toArray());
			SqlArrays.bind(ps, 4, "text", rows.stream().map(ChannelRow::channelName).toArray());
			SqlArrays.bind(ps, 5, "text", rows.stream().map(ChannelRow::channelStatus).toArray());
			SqlArrays.bind(ps, 6, "text", rows.stream().map(ChannelRow::channelStatusRaw).toArray());
			SqlArrays.bind(ps, 7, "text", rows.stream().map(ChannelRow::qualitySetName).toArray());
			SqlArrays.bind(ps, 8, "text", rows.stream().map(ChannelRow::outputProtocol).toArray());
			SqlArrays.bind(ps, 9, "boolean", rows.stream().map(ChannelRow::recording).toArray());
			SqlArrays.bind(ps, 10, "integer", rows.stream().map(ChannelRow::timemachineMin).toArray());
			SqlArrays.bind(ps, 11, "timestamptz", rows.stream().map((r) -> SqlArrays.timestamp(r.createdAt())).toArray());
			SqlArrays.bind(ps, 12, "timestamptz",
					rows.stream().map((r) -> SqlArrays.timestamp(r.recentPublishStartAt())).toArray());
			SqlArrays.bind(ps, 13, "bigint", rows.stream().map(ChannelRow::snapshotId).toArray());
			SqlArrays.bind(ps, 14, "text", rows.stream().map(ChannelRow::channelType).toArray());
			SqlArrays.bind(ps, 15, "boolean", rows.stream().map(ChannelRow::useDvr).toArray());
			SqlArrays.bind(ps, 16, "bigint", rows.stream().map(ChannelRow::instanceNo).toArray());
			SqlArrays.bind(ps, 17, "text", rows.stream().map(ChannelRow::planType).toArray());
			SqlArrays.bind(ps, 18, "integer", rows.stream().map(ChannelRow::platformCount).toArray());
			SqlArrays.bind(ps, 19, "bigint", rows.stream().map(ChannelRow::totalPublishSeconds).toArray());
			SqlArrays.bind(ps, 20, "jsonb", rows.stream().map(ChannelRow::payload).toArray());
		});
	}

	private void targets(List<ChannelRow> rows, Instant observedAt) {
		List<ChannelRow> withTargets = rows.stream().filter((r) -> r.targets() != null).toList();
		if (withTargets.isEmpty()) {
			return;
		}
		Timestamp observed = Timestamp.from(observedAt);
		List<String> channelIds = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<String> urls = new ArrayList<>();
		List<String> payloads = new ArrayList<>();
		for (ChannelRow row : withTargets) {
			for (ChannelRow.Target target : row.targets()) {
				channelIds.add(row.channelId());
				names.add(target.targetName());
				urls.add(target.rtmpUrl());
				payloads.add(target.payload());
			}
		}
		this.jdbc.update(REMOVE_TARGETS, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			SqlArrays.bind(ps, 3, "text", withTargets.stream().map(ChannelRow::channelId).toArray());
			SqlArrays.bind(ps, 4, "text", channelIds.toArray());
			SqlArrays.bind(ps, 5, "text", names.toArray());
			SqlArrays.bind(ps, 6, "text", urls.toArray());
		});
		this.jdbc.update(ADD_TARGETS, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			SqlArrays.bind(ps, 3, "text", channelIds.toArray());
			SqlArrays.bind(ps, 4, "text", names.toArray());
			SqlArrays.bind(ps, 5, "text", urls.toArray());
			SqlArrays.bind(ps, 6, "jsonb", payloads.toArray());
		});
	}

	private void versions(List<ChannelRow> rows, Instant observedAt) {
		Timestamp observed = Timestamp.from(observedAt);
		Object[] ids = rows.stream().map(ChannelRow::channelId).toArray();
		Object[] payloads = rows.stream().map(ChannelRow::payload).toArray();
		this.jdbc.update(CLOSE_CHANGED_VERSION, (ps) -> {
			ps.setTimestamp(1, observed);
			SqlArrays.bind(ps, 2, "text", ids);
			SqlArrays.bind(ps, 3, "jsonb", payloads);
			ps.setTimestamp(4, observed);
			SqlArrays.bind(ps, 5, "text", ids);
		});
		this.jdbc.update(OPEN_NEW_VERSION, (ps) -> {
			ps.setTimestamp(1, observed);
			SqlArrays.bind(ps, 2, "text", ids);
			SqlArrays.bind(ps, 3, "jsonb", payloads);
		});
	}

	private void history(List<ChannelRow> rows, Instant observedAt) {
		Timestamp observed = Timestamp.from(observedAt);
		Object[] ids = rows.stream().map(ChannelRow::channelId).toArray();
		Object[] statuses = rows.stream().map(ChannelRow::channelStatus).toArray();
		this.jdbc.update(CLOSE_CHANGED_STATUS, (ps) -> {
			ps.setTimestamp(1, observed);
			SqlArrays.bind(ps, 2, "text", ids);
			SqlArrays.bind(ps, 3, "text", statuses);
			ps.setTimestamp(4, observed);
			SqlArrays.bind(ps, 5, "text", ids);
		});
		this.jdbc.update(OPEN_NEW_STATUS, (ps) -> {
			ps.setTimestamp(1, observed);
			SqlArrays.bind(ps, 2, "text", ids);
			SqlArrays.bind(ps, 3, "text", statuses);
			SqlArrays.bind(ps, 4, "text", rows.stream().map(ChannelRow::channelStatusRaw).toArray());
		});
		SessionTables.markSeen(this.jdbc, ids, statuses, observed);
	}

	private void list(List<ChannelRow> rows, RunContext run) {
		this.jdbc.update(LIST, (ps) -> {
			ps.setObject(1, run.runDate());
			SqlArrays.bind(ps, 2, "text", rows.stream().map(ChannelRow::channelId).toArray());
			SqlArrays.bind(ps, 3, "bigint", rows.stream().map(ChannelRow::snapshotId).toArray());
		});
	}

}
