package dev.lsarchive.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lsarchive.normalize.SessionEvents;

/** Reads the archive back for assertions. */
public final class ArchiveTables {

	private ArchiveTables() {
	}

	/** The single value of {@code sql}, with its {@code ?} bound to {@code parameters}, as a long. */
	public static long count(String sql, Object... parameters) {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = prepare(connection, sql, parameters);
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Rows in {@code table}, or 0 when the table does not exist (yet). */
	public static long rowsIn(String table) {
		if (count("SELECT count(*) FROM (SELECT to_regclass('" + table + "') AS t) r WHERE t IS NOT NULL") == 0) {
			return 0;
		}
		return count("SELECT count(*) FROM " + table);
	}

	/** The rows of {@code sql}, with its {@code ?} bound to {@code parameters}, each as column name to value. */
	public static List<Map<String, Object>> rows(String sql, Object... parameters) {
		try (Connection connection = TestDatabase.get().connect()) {
			return rows(connection, sql, parameters);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The rows of {@code sql} read on {@code connection} (another database's), as {@link #rows(String, Object...)}. */
	public static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters) {
		try (PreparedStatement statement = prepare(connection, sql, parameters);
				ResultSet result = statement.executeQuery()) {
			List<Map<String, Object>> rows = new ArrayList<>();
			while (result.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
					row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A checksum of the archive's business content (channels, re-stream targets, events, snapshots,
	 * recordings, status history, quarantine; every column but the archiving instants and run
	 * references), to compare two
	 * archives row for row. The per-run-date listing is left out: each night adds its own.
	 */
	public static String contentChecksum() {
		return rows("""
				SELECT
				  (SELECT md5(coalesce(string_agg(concat_ws('|', channel_id, channel_name, channel_status, channel_status_raw,
				     quality_set_name, output_protocol, is_recording, timemachine_min, created_at, recent_publish_start_at,
				     snapshot_id, channel_type, use_dvr, instance_no, plan_type, platform_count, total_publish_seconds),
				     ',' ORDER BY channel_id), '')) FROM livestation.channel) AS channels,
				  (SELECT md5(coalesce(string_agg(concat_ws('|', channel_id, target_name, rtmp_url, removed_at IS NULL), ','
				     ORDER BY channel_id, target_name, rtmp_url), '')) FROM livestation.restream_target) AS targets,
				  (SELECT md5(coalesce(string_agg(concat_ws('|', channel_id, record_id, record_type, status, record_seq,
				     stream_seq, record_begin_at, created_at, should_delete_at, duration_seconds, resolution, file_name,
				     upload_path, object_storage_url, video_bitrate, video_frame_rate, audio_bitrate, audio_codec), ','
				     ORDER BY channel_id, record_id), '')) FROM livestation.recording) AS recordings,
				  (SELECT md5(coalesce(string_agg(concat_ws('|', event_key, channel_id, event_code, log_level, description,
				     occurred_at, timestamp_scaled, channel_source), ',' ORDER BY event_key), '')) FROM livestation.channel_event) AS events,
				  (SELECT md5(coalesce(string_agg(concat_ws('|', channel_id, snapshot_id, snapshot_url, channel_status,
				     created_at, expire_at, duration_minutes, info_captured), ',' ORDER BY channel_id, snapshot_id), ''))
				     FROM livestation.snapshot) AS snapshots,
				  (SELECT md5(coalesce(string_agg(concat_ws('|', channel_id, channel_status), ',' ORDER BY channel_id, valid_from), ''))
				     FROM livestation.channel_status_history) AS history,
				  (SELECT md5(coalesce(string_agg(concat_ws('|', run_date, resource, endpoint, channel_id, reason, payload), ','
				     ORDER BY run_date, resource, endpoint, channel_id, reason, payload), '')) FROM livestation.quarantine) AS quarantine
				""").get(0).toString();
	}

	/**
	 * Rows by which the kept session tables differ from a whole recount of every channel's marks
	 * ({@code reporting.sessions}), both ways: 0 when the incremental upkeep is exact.
	 */
	public static long sessionsDifferingFromARecount() {
		long differing = 0;
		for (SessionEvents kind : SessionEvents.values()) {
			String table = (kind == SessionEvents.PUBLISH) ? "publish_session" : "recording_session";
			String kept = "SELECT session_key, channel_id, started_at, ended_at, duration_minutes, is_open, is_unterminated,"
					+ " is_orphan_end, ended_by FROM reporting." + table;
			String recount = "SELECT mark_key, channel_id, started_at, ended_at, duration_minutes, is_open,"
					+ " is_unterminated, is_orphan_end, ended_by FROM reporting.sessions(?::text, ?::text)";
			differing += count("SELECT count(*) FROM ((" + kept + ") EXCEPT ALL (" + recount + ")) d", kind.start(),
					kind.end());
			differing += count("SELECT count(*) FROM ((" + recount + ") EXCEPT ALL (" + kept + ")) d", kind.start(),
					kind.end());
		}
		return differing;
	}

	// a String[] binds as text[]
	private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			statement.setObject(i + 1, parameters[i]);
		}
		return statement;
	}

}
