package dev.lsarchive.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording event archived behind a channel's mark (as one archived late from its callback is)
 * makes the channel due for the recordings step again; one ahead of the mark leaves the mark alone.
 */
class RecordingChecksIntegrationTests {

	private static final Instant MARK = Instant.parse("2026-12-01T12:00:00Z");

	@BeforeEach
	void emptyArchive() {
		ArchiveRun.migrateOnly();
		TestDatabase.get().reset();
	}

	@Test
	void aRecordingEventArchivedBehindTheMarkMakesItsChannelDueAgain() throws SQLException {
		// given: two channels asked for their recordings through MARK, nothing due
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					INSERT INTO livestation.channel (channel_id, channel_type, channel_status, first_archived_at, last_archived_at)
					VALUES ('ls-behind', 'LIVE', 'READY', now(), now()), ('ls-other', 'LIVE', 'READY', now(), now());
					INSERT INTO livestation.recording_check (channel_id, checked_at, onair_seen_through)
					VALUES ('ls-behind', now(), '2026-12-01T12:00:00Z'), ('ls-other', now(), '2026-12-01T12:00:00Z');
					INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)
					VALUES (gen_random_uuid(), 'ls-behind', 'ONAIR_END', '2026-12-01T11:00:00Z', 'callback'),
					       (gen_random_uuid(), 'ls-other', 'THUMBNAIL_CREATE', '2026-12-01T11:00:00Z', 'callback');
					""");
			assertThat(due(connection)).isEmpty();

			// when: those two events archived from their callbacks
			RecordingChecks.eventsArchived(connection, new String[] { "ls-behind", "ls-other" },
					new String[] { "ONAIR_END", "THUMBNAIL_CREATE" },
					new long[] { MARK.minusSeconds(3600).toEpochMilli(), MARK.minusSeconds(3600).toEpochMilli() });

			// then
			assertThat(due(connection)).containsExactly("ls-behind");
		}
	}

	private static List<String> due(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(RecordingReader.DUE)) {
			RecordingReader.bindDue(statement);
			List<String> due = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					due.add(rows.getString(1));
				}
			}
			return due;
		}
	}

}
