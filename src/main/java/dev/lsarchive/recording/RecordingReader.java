package dev.lsarchive.recording;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.normalize.SessionEvents;

/**
 * Reads the recordings of the channels that can have new or changed ones, one channel per item.
 * A channel is asked when
 * <ul>
 * <li>an {@code ONAIR_START} or {@code ONAIR_END} event newer than the last time it was asked is
 * archived (a recording began or ended since), or</li>
 * <li>it has a recording not in a final status ({@link RecordingRow#FINAL_STATUSES}): an upload may
 * have finished or failed since, unless the API answered "not found" for the channel when last
 * asked.</li>
 * </ul>
 * Every other channel cannot have a new or changed recording, so no request is spent on it. The
 * choice is made when the step opens, from the archive's events and recordings and the step's own
 * marks ({@code livestation.recording_check}); each committed chunk records what its channels were
 * asked with, so a restarted step chooses again and asks only what is still due.
 */
class RecordingReader implements ItemStreamReader<RecordingList> {

	private static final Logger log = LoggerFactory.getLogger(RecordingReader.class);

	// every channel: its recording events after those it was last asked with (one probe of the index of
	// recording events, channel_event_recording, per channel), and whether it has recordings not in a
	// final status (the partial index recording_unfinished): a night costs what it brought
	static final String DUE = """
			SELECT c.channel_id, ev.onair_through
			FROM livestation.channel c
			LEFT JOIN livestation.recording_check k ON k.channel_id = c.channel_id
			CROSS JOIN LATERAL (SELECT max(e.occurred_at) AS onair_through FROM livestation.channel_event e
			                    WHERE e.channel_id = c.channel_id AND e.event_code = ANY (?::text[])
			                      AND e.occurred_at > coalesce(k.onair_seen_through, '-infinity')) ev
			WHERE ev.onair_through IS NOT NULL
			   OR (NOT coalesce(k.channel_gone, false) AND EXISTS (
			        SELECT 1 FROM livestation.recording r WHERE r.channel_id = c.channel_id
			        AND r.status <> ALL (?::text[])))
			ORDER BY c.channel_id
			""";

	private final LiveStationClient client;

	private final JdbcTemplate jdbc;

	private List<Due> due = List.of();

	private int next;

	RecordingReader(LiveStationClient client, JdbcTemplate jdbc) {
		this.client = client;
		this.jdbc = jdbc;
	}

	@Override
	public void open(ExecutionContext context) {
		this.due = this.jdbc.query(DUE, RecordingReader::bindDue, (rs, n) -> {
			Timestamp through = rs.getTimestamp(2);
			return new Due(rs.getString(1), (through != null) ? through.toInstant() : null);
		});
		this.next = 0;
		log.info("Recordings: {} channels can have new or changed recordings", this.due.size());
	}

	// the recording events and the final statuses, as DUE takes them
	static void bindDue(PreparedStatement statement) throws SQLException {
		SqlArrays.bind(statement, 1, "text", SessionEvents.RECORDING.codes());
		SqlArrays.bind(statement, 2, "text", RecordingRow.FINAL_STATUSES.toArray());
	}

	@Override
	public RecordingList read() {
		if (this.next >= this.due.size()) {
			return null;
		}
		Due channel = this.due.get(this.next++);
		return new RecordingList(channel.channelId(), channel.onairThrough(),
				this.client.recordings(channel.channelId()).orElse(null));
	}

	@Override
	public void close() {
		this.due = List.of();
	}

	private record Due(String channelId, Instant onairThrough) {
	}

}
