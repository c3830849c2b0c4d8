package dev.lsarchive.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.normalize.SessionEvents;

/**
 * The one rule by which a writer other than the recordings step moves that step's marks
 * ({@code livestation.recording_check}): a recording event archived behind a channel's mark (older
 * than the newest recording event the channel was last asked with, as an event archived late from
 * its callback can be) sets the mark back to just before it, so that the channel is asked again; the
 * recordings step then sets it forward to its newest recording event, as it always does.
 */
public final class RecordingChecks {

	private static final Set<String> RECORDING_CODES = Set.of(SessionEvents.RECORDING.codes());

	private static final String BEHIND = """
			UPDATE livestation.recording_check k SET onair_seen_through = m.oldest - interval '1 millisecond'
			FROM (SELECT channel_id, min(occurred_at) AS oldest
			      FROM unnest(?::text[], ?::timestamptz[]) AS a(channel_id, occurred_at) GROUP BY channel_id) m
			WHERE k.channel_id = m.channel_id AND k.onair_seen_through >= m.oldest
			""";

	private RecordingChecks() {
	}

	/**
	 * Events just archived on {@code connection} (the writer's transaction), as parallel arrays: the
	 * channels of the recording events among them that lie behind their channel's mark are asked for
	 * their recordings again.
	 */
	public static void eventsArchived(Connection connection, String[] channelIds, String[] codes,
			long[] occurredAtMillis) throws SQLException {
		List<String> channels = new ArrayList<>();
		List<Timestamp> instants = new ArrayList<>();
		for (int i = 0; i < channelIds.length; i++) {
			if (RECORDING_CODES.contains(codes[i])) {
				channels.add(channelIds[i]);
				instants.add(new Timestamp(occurredAtMillis[i]));
			}
		}
		if (channels.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(BEHIND)) {
			SqlArrays.bind(statement, 1, "text", channels.toArray());
			SqlArrays.bind(statement, 2, "timestamptz", instants.toArray());
			statement.executeUpdate();
		}
	}

}
