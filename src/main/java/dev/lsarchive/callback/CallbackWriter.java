package dev.lsarchive.callback;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * The statements of one group commit, run inside its transaction: every callback of the batch in one
 * {@code INSERT … ON CONFLICT} (a repeated id counted in {@code deliveries}), the refused bodies into the
 * quarantine, and this receiver's window extended.
 */
final class CallbackWriter {

	private static final String UPSERT = """
			INSERT INTO livestation.event_callback AS e (event_id, channel_id, event_code, log_level, occurred_at,
			    timestamp_scaled, received_at, last_received_at, deliveries, receiver_id, payload)
			SELECT c.event_id, c.channel_id, c.event_code, c.log_level,
			       timestamptz 'epoch' + c.occurred_us * interval '1 microsecond', c.scaled, ?, ?, c.deliveries, ?,
			       c.payload::jsonb
			FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::integer[], ?::text[])
			     AS c(event_id, channel_id, event_code, log_level, occurred_us, scaled, deliveries, payload)
			ORDER BY c.event_id
			ON CONFLICT (event_id) DO UPDATE SET deliveries = e.deliveries + excluded.deliveries,
			    last_received_at = excluded.last_received_at
			RETURNING (e.xmax::text = '0')
			""";

	private static final String WINDOW = """
			INSERT INTO livestation.callback_receiver_window AS w (receiver_id, up_from, up_through, callbacks)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (receiver_id, up_from) DO UPDATE SET up_through = GREATEST(w.up_through, excluded.up_through),
			    callbacks = w.callbacks + excluded.callbacks
			""";

	private final JdbcTemplate jdbc;

	private final QuarantineWriter quarantine;

	private final String receiverId;

	CallbackWriter(JdbcTemplate jdbc, QuarantineWriter quarantine, String receiverId) {
		this.jdbc = jdbc;
		this.quarantine = quarantine;
		this.receiverId = receiverId;
	}

	/**
	 * Stores {@code callbacks} (one per event id, with the deliveries each id had in the batch) received at
	 * {@code now}; returns how many ids were new to the table.
	 */
	int store(Collection<Delivered> callbacks, Instant now) {
		if (callbacks.isEmpty()) {
			return 0;
		}
		List<Delivered> sorted = new ArrayList<>(callbacks);
		// one lock order for every committer: two batches sharing ids never wait for each other in a circle
		sorted.sort((a, b) -> Long.compare(a.callback().eventId(), b.callback().eventId()));
		int n = sorted.size();
		Long[] ids = new Long[n];
		String[] channels = new String[n];
		String[] codes = new String[n];
		String[] levels = new String[n];
		Long[] occurred = new Long[n];
		Boolean[] scaled = new Boolean[n];
		Integer[] deliveries = new Integer[n];
		String[] payloads = new String[n];
		for (int i = 0; i < n; i++) {
			Callback c = sorted.get(i).callback();
			ids[i] = c.eventId();
			channels[i] = c.channelId();
			codes[i] = c.eventCode();
			levels[i] = c.logLevel();
			occurred[i] = ChronoUnit.MICROS.between(Instant.EPOCH, c.occurredAt());
			scaled[i] = c.timestampScaled();
			deliveries[i] = sorted.get(i).deliveries();
			payloads[i] = c.payload();
		}
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		Integer inserted = this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
				statement.setObject(1, at);
				statement.setObject(2, at);
				statement.setString(3, this.receiverId);
				statement.setArray(4, array(connection, "int8", ids));
				statement.setArray(5, array(connection, "text", channels));
				statement.setArray(6, array(connection, "text", codes));
				statement.setArray(7, array(connection, "text", levels));
				statement.setArray(8, array(connection, "int8", occurred));
				statement.setArray(9, array(connection, "bool", scaled));
				statement.setArray(10, array(connection, "int4", deliveries));
				statement.setArray(11, array(connection, "text", payloads));
				int count = 0;
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						if (rows.getBoolean(1)) {
							count++;
						}
					}
				}
				return count;
			}
		});
		return (inserted != null) ? inserted : 0;
	}

	/** Keeps the refused bodies in the quarantine, dated {@code runDate} (no job execution met them). */
	void quarantine(List<QuarantineRecord> refused, LocalDate runDate) {
		this.quarantine.write(refused, runDate, null);
	}

	/** Extends (or opens) the window {@code extension} by {@code callbacks} acknowledged callbacks. */
	void window(ReceiverWindow.Extension extension, long callbacks) {
		this.jdbc.update(WINDOW, this.receiverId, at(extension.from()), at(extension.through()), callbacks);
	}

	private static OffsetDateTime at(long micros) {
		return OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
	}

	private static Array array(Connection connection, String type, Object[] values) throws SQLException {
		return connection.createArrayOf(type, values);
	}

	/**
	 * A callback with how many times its id was delivered in one batch.
	 *
	 * @param callback the callback (the first delivery of its id)
	 * @param deliveries deliveries of its id in the batch
	 */
	record Delivered(Callback callback, int deliveries) {
	}

}
