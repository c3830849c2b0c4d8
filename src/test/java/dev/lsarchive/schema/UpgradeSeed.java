package dev.lsarchive.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Representative rows, as the job writes them, in every archive and reporting table of a schema at any
 * version from V9 on: channels of every kind, their status history (one deleted), publish and
 * recording sessions that end by their end event, by deletion, or not yet, an orphan end, snapshots
 * captured and expired, a recording, the ledger of a night and of a capture, the listing, quarantine,
 * coverage, a gap and the evidence, payloads, a channel's configuration versions and a field seen, callbacks
 * (one matched, one waiting) and a receiver's window, and
 * the derived reporting tables counted from them. A column the
 * version lacks is left out; a row that needs one (a capture run needs {@code job_name}) is skipped.
 */
final class UpgradeSeed {

	private static final List<Row> ROWS = List.of(
			row("livestation.channel", "channel_id", "'ls-live'", "channel_name", "'Live'", "channel_status", "'PUBLISHING'",
					"channel_status_raw", "'PUBLISHING'", "quality_set_name", "'FHD'", "output_protocol", "'HLS'",
					"is_recording", "true", "created_at", "'2026-11-01T00:00:00Z'",
					"recent_publish_start_at", "'2026-11-19T09:00:00Z'", "snapshot_id", "101",
					"first_archived_at", "'2026-11-01T16:00:00Z'", "last_archived_at", "'2026-11-19T16:00:00Z'",
					"channel_type", "'LIVE'", "use_dvr", "false", "instance_no", "1001",
					"payload", "'{\"channelId\": \"ls-live\", \"qualitySetId\": 1, \"cdn\": {\"cdnType\": \"GLOBAL_EDGE\"}}'"),
			row("livestation.channel", "channel_id", "'ls-restream'", "channel_name", "'Re-stream'",
					"channel_status", "'READY'", "channel_status_raw", "'READY'", "created_at", "'2026-11-01T00:00:00Z'",
					"first_archived_at", "'2026-11-01T16:00:00Z'", "last_archived_at", "'2026-11-01T16:00:00Z'",
					"channel_type", "'RE_STREAM'", "plan_type", "'STANDARD'", "platform_count", "1",
					"total_publish_seconds", "3600"),
			row("livestation.channel", "channel_id", "'ls-vod'", "channel_name", "'VOD'", "channel_status", "'DELETED'",
					"channel_status_raw", "'DELETED'", "created_at", "'2026-11-01T00:00:00Z'",
					"first_archived_at", "'2026-11-01T16:00:00Z'", "last_archived_at", "'2026-11-19T16:00:00Z'",
					"channel_type", "'VOD2LIVE'"),
			row("livestation.restream_target", "channel_id", "'ls-restream'", "target_name", "'YOUTUBE'",
					"rtmp_url", "'rtmp://a.rtmp.youtube.com/live2'", "first_archived_at", "'2026-11-01T16:00:00Z'",
					"last_archived_at", "'2026-11-01T16:00:00Z'", "payload", "'{\"targetName\": \"YOUTUBE\"}'"),
			row("livestation.channel_version", "channel_id", "'ls-live'", "valid_from", "'2026-11-01T16:00:00Z'",
					"valid_to", "'2026-11-19T16:00:00Z'", "payload", "'{\"channelId\": \"ls-live\", \"qualitySetId\": 2}'"),
			row("livestation.channel_version", "channel_id", "'ls-live'", "valid_from", "'2026-11-19T16:00:00Z'",
					"payload", "'{\"channelId\": \"ls-live\", \"qualitySetId\": 1}'", "changed_fields", "'{qualitySetId}'"),
			status("ls-live", "READY", "'2026-11-01T16:00:00Z'", "'2026-11-18T16:00:00Z'"),
			status("ls-live", "PUBLISHING", "'2026-11-18T16:00:00Z'", "NULL"),
			status("ls-restream", "READY", "'2026-11-01T16:00:00Z'", "NULL"),
			status("ls-vod", "PUBLISHING", "'2026-11-01T16:00:00Z'", "'2026-11-19T16:00:00Z'"),
			status("ls-vod", "DELETED", "'2026-11-19T16:00:00Z'", "NULL"),
			event("ls-live", "PUBLISH_START", "INFO", "2026-11-18T10:00:00Z"),
			event("ls-live", "ONAIR_START", "INFO", "2026-11-18T10:01:00Z"),
			event("ls-live", "ONAIR_END", "INFO", "2026-11-18T11:00:00Z"),
			event("ls-live", "PUBLISH_END", "INFO", "2026-11-18T11:01:00Z"),
			event("ls-live", "PUBLISH_START", "INFO", "2026-11-19T09:00:00Z"),
			event("ls-live", "STREAM_ERROR", "ERROR", "2026-11-19T09:05:00Z"),
			event("ls-restream", "PUBLISH_END", "INFO", "2026-11-18T08:00:00Z"),
			event("ls-vod", "PUBLISH_START", "INFO", "2026-11-19T12:00:00Z"),
			row("livestation.snapshot", "channel_id", "'ls-live'", "snapshot_id", "101",
					"snapshot_url", "'https://example.invalid/snapshot/101.mp4'", "channel_status", "'PUBLISHING'",
					"channel_status_raw", "'PUBLISHING'", "created_at", "'2026-11-19T15:50:00Z'",
					"expire_at", "'2026-11-19T16:50:00Z'", "duration_minutes", "5",
					"first_archived_at", "'2026-11-19T16:00:00Z'", "last_archived_at", "'2026-11-19T16:00:00Z'",
					"info_captured", "true"),
			row("livestation.snapshot", "channel_id", "'ls-live'", "snapshot_id", "102", "channel_status", "'PUBLISHING'",
					"channel_status_raw", "'PUBLISHING'", "first_archived_at", "'2026-11-19T16:00:00Z'",
					"last_archived_at", "'2026-11-19T16:00:00Z'", "info_captured", "false"),
			listed("ls-live"),
			listed("ls-restream"),
			listed("ls-vod"),
			row("livestation.archive_run", "job_execution_id", "1", "job_instance_id", "1", "run_date", "'2026-11-19'",
					"status", "'COMPLETED'", "exit_code", "'COMPLETED'", "started_at", "'2026-11-19T16:00:00Z'",
					"finished_at", "'2026-11-19T16:05:00Z'", "channels_listed", "3", "events_read", "8",
					"events_written", "8", "items_read", "11", "items_written", "11", "job_name", "'archiveJob'"),
			row(Set.of("job_name"), "livestation.archive_run", "job_execution_id", "2", "job_instance_id", "2",
					"run_date", "'2026-11-20'", "status", "'COMPLETED'", "started_at", "'2026-11-20T00:15:00Z'",
					"finished_at", "'2026-11-20T00:15:10Z'", "job_name", "'snapshotCaptureJob'",
					"capture_slot", "'2026-11-20T00:15:00Z'"),
			row("livestation.quarantine", "run_date", "'2026-11-19'", "job_execution_id", "1", "resource", "'event'",
					"endpoint", "'GET /api/v2/events?channelId=ls-live'", "channel_id", "'ls-live'",
					"reason", "'event without a timestamp'", "payload", "'{\"eventCode\":\"PUBLISH_START\"}'"),
			row("livestation.event_list_fingerprint", "channel_id", "'ls-live'", "digest", "sha256('events'::bytea)",
					"events", "6", "run_date", "'2026-11-19'"),
			row("livestation.recording", "channel_id", "'ls-live'", "record_id", "'rec-1'", "record_type", "'MP4'",
					"status", "'TRANSFER_FINISH'", "record_seq", "1", "stream_seq", "1",
					"record_begin_at", "'2026-11-18T10:01:00Z'", "created_at", "'2026-11-18T10:01:00Z'",
					"should_delete_at", "'2027-03-18T11:00:00Z'", "duration_seconds", "3540",
					"file_name", "'rec-1.mp4'", "object_storage_url", "'https://example.invalid/bucket/rec-1.mp4'",
					"status_since", "'2026-11-19T16:00:00Z'", "first_archived_at", "'2026-11-19T16:00:00Z'",
					"last_archived_at", "'2026-11-19T16:00:00Z'", "payload", "'{\"recordId\": \"rec-1\"}'"),
			row("livestation.recording_check", "channel_id", "'ls-live'", "checked_at", "'2026-11-19T16:00:00Z'",
					"onair_seen_through", "'2026-11-18T11:00:00Z'"),
			row("livestation.event_coverage", "channel_id", "'ls-live'", "covered_from", "'2026-11-01T00:00:00Z'",
					"covered_through", "'2026-11-19T16:00:00Z'", "last_list_events", "6",
					"last_list_oldest", "'2026-11-18T10:00:00Z'", "last_run_date", "'2026-11-19'"),
			row("livestation.event_gap", "channel_id", "'ls-restream'", "after_at", "'2026-11-10T00:00:00Z'",
					"before_at", "'2026-11-12T00:00:00Z'", "detected_run_date", "'2026-11-19'", "job_execution_id", "1"),
			row("livestation.event_list_evidence", "longest_span", "'36 hours'", "largest_list", "6"),
			row("livestation.event_callback", "event_id", "9001", "channel_id", "'ls-live'", "event_code", "'STREAM_ERROR'",
					"log_level", "'ERROR'", "occurred_at", "'2026-11-19T09:05:00Z'", "received_at", "'2026-11-19T09:05:01Z'",
					"last_received_at", "'2026-11-19T09:05:01Z'", "receiver_id", "'receiver-1'",
					"payload", "'{\"id\": 9001, \"event\": \"STREAM_ERROR\"}'", "reconciled_at", "'2026-11-19T16:01:00Z'",
					"reconciliation", "'MATCHED'"),
			row("livestation.event_callback", "event_id", "9002", "channel_id", "'ls-live'", "event_code", "'THUMBNAIL_CREATE'",
					"log_level", "'INFO'", "occurred_at", "'2026-11-19T17:00:00Z'", "received_at", "'2026-11-19T17:00:01Z'",
					"last_received_at", "'2026-11-19T17:00:03Z'", "deliveries", "2", "receiver_id", "'receiver-1'",
					"payload", "'{\"id\": 9002, \"event\": \"THUMBNAIL_CREATE\"}'"),
			row("livestation.callback_receiver_window", "receiver_id", "'receiver-1'", "up_from", "'2026-11-18T00:00:00Z'",
					"up_through", "'2026-11-19T17:00:01Z'", "callbacks", "2"),
			row("reporting.api_fields", "resource", "'channel'", "path", "'qualitySetId'", "is_mapped", "false",
					"first_seen_run_date", "'2026-11-19'", "first_seen_at", "'2026-11-19T16:00:00Z'",
					"first_seen_job_execution_id", "1", "is_announced", "false", "last_seen_run_date", "'2026-11-19'",
					"last_seen_at", "'2026-11-19T16:00:00Z'", "last_seen_job_execution_id", "1", "records", "1"),
			row("reporting.session_stale", "channel_id", "'ls-live'", "since", "'2026-11-19T09:00:00Z'"),
			// the derived tables, counted from the rows above as the job counts them
			derived("reporting.daily_channel_events",
					"FROM livestation.channel_event e CROSS JOIN reporting.setting s GROUP BY 1, 2, 3, 4", "day",
					"(e.occurred_at AT TIME ZONE s.time_zone)::date", "channel_id", "e.channel_id",
					"event_code", "e.event_code", "log_level", "e.log_level", "events", "count(*)"),
			sessions("reporting.publish_session", "PUBLISH_START", "PUBLISH_END"),
			sessions("reporting.recording_session", "ONAIR_START", "ONAIR_END"));

	private UpgradeSeed() {
	}

	/** Gives every table the schema has its rows, then refreshes its materialized views. */
	static void into(JdbcTemplate jdbc) {
		for (Row row : ROWS) {
			// a table only: a relation that is a materialized view at this version is refreshed below
			if (!"r".equals(jdbc.queryForObject("SELECT coalesce((SELECT relkind::text FROM pg_class WHERE oid ="
					+ " to_regclass(?)), '')", String.class, row.table()))) {
				continue;
			}
			List<String> columns = jdbc.queryForList("SELECT attname::text FROM pg_attribute WHERE attrelid = ?::regclass"
					+ " AND attnum > 0 AND NOT attisdropped", String.class, row.table());
			if (!columns.containsAll(row.needs())) {
				continue;
			}
			Map<String, String> values = new LinkedHashMap<>(row.values());
			values.keySet().retainAll(columns);
			jdbc.update("INSERT INTO " + row.table() + " (" + String.join(", ", values.keySet()) + ") SELECT "
					+ String.join(", ", values.values()) + " " + row.from());
		}
		for (String view : jdbc.queryForList("SELECT n.nspname || '.' || c.relname FROM pg_class c"
				+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('livestation', 'reporting')"
				+ " AND c.relkind = 'm'", String.class)) {
			jdbc.execute("REFRESH MATERIALIZED VIEW " + view);
		}
	}

	private static Row status(String channelId, String status, String validFrom, String validTo) {
		return row("livestation.channel_status_history", "channel_id", "'" + channelId + "'", "channel_status",
				"'" + status + "'", "channel_status_raw", "'" + status + "'", "valid_from", validFrom, "valid_to", validTo);
	}

	private static Row event(String channelId, String code, String level, String occurredAt) {
		return row("livestation.channel_event", "event_key", "gen_random_uuid()", "channel_id", "'" + channelId + "'",
				"event_code", "'" + code + "'", "log_level", "'" + level + "'",
				"description", "'" + code + " of " + channelId + "'", "occurred_at", "'" + occurredAt + "'",
				"channel_source", "'event'");
	}

	private static Row listed(String channelId) {
		return row("livestation.listed_channel", "run_date", "'2026-11-19'", "channel_id", "'" + channelId + "'");
	}

	// the session rows as the job's refresh computes them (ended_by from V16 on)
	private static Row sessions(String table, String startCode, String endCode) {
		return derived(table,
				"FROM reporting.sessions('" + startCode + "', '" + endCode + "') x CROSS JOIN reporting.setting s",
				"channel_id", "x.channel_id", "started_at", "x.started_at", "ended_at", "x.ended_at",
				"duration_minutes", "x.duration_minutes", "is_open", "x.is_open", "is_unterminated", "x.is_unterminated",
				"is_orphan_end", "x.is_orphan_end",
				"day", "(coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::date",
				"hour", "extract(hour FROM coalesce(x.started_at, x.ended_at) AT TIME ZONE s.time_zone)::integer",
				"session_key", "x.mark_key", "ended_by", "x.ended_by");
	}

	private static Row row(String table, String... columnsAndValues) {
		return row(Set.of(), table, columnsAndValues);
	}

	private static Row row(Set<String> needs, String table, String... columnsAndValues) {
		return new Row(table, values(columnsAndValues), needs, "");
	}

	private static Row derived(String table, String from, String... columnsAndValues) {
		return new Row(table, values(columnsAndValues), Set.of(), from);
	}

	private static Map<String, String> values(String... columnsAndValues) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < columnsAndValues.length; i += 2) {
			values.put(columnsAndValues[i], columnsAndValues[i + 1]);
		}
		return values;
	}

	/**
	 * One row to insert, or the rows of a query.
	 *
	 * @param table the table
	 * @param values SQL expression per column; columns the table lacks are left out
	 * @param needs columns without which the row is not written
	 * @param from the FROM (and GROUP BY) of the expressions, empty for one row of constants
	 */
	private record Row(String table, Map<String, String> values, Set<String> needs, String from) {
	}

}
