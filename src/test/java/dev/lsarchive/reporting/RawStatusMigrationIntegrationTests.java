package dev.lsarchive.reporting;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations that change how statuses are kept back-fill older rows: raw always kept (V7), STOPPED known (V8). */
class RawStatusMigrationIntegrationTests {

	@Test
	void rowsWrittenWhenTheRawStatusWasKeptOnlyIfItDifferedAreBackFilled() throws Exception {
		// given: an archive at the schema before the change, with rows as the job wrote them then
		TestDatabase database = TestDatabase.get().createEmpty();
		try {
			JdbcTemplate jdbc = new JdbcTemplate(
					new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
			database.migrateTo("6");
			jdbc.execute("""
					INSERT INTO livestation.channel (channel_id, channel_name, channel_status, channel_status_raw,
					    first_archived_at, last_archived_at)
					VALUES ('ls-exact', 'n', 'PUBLISHING', NULL, now(), now()),
					       ('ls-legacy', 'n', 'PUBLISHING', 'PUBLISH', now(), now()),
					       ('ls-none', 'n', 'UNKNOWN', NULL, now(), now()),
					       ('ls-stopped', 'n', 'UNKNOWN', ' stopped', now(), now());
					INSERT INTO livestation.channel_status_history (channel_id, channel_status, channel_status_raw, valid_from)
					VALUES ('ls-exact', 'PUBLISHING', NULL, now()), ('ls-legacy', 'PUBLISHING', 'PUBLISH', now());
					INSERT INTO livestation.snapshot (channel_id, snapshot_id, channel_status, channel_status_raw,
					    first_archived_at, last_archived_at)
					VALUES ('ls-exact', 1, 'READY', NULL, now(), now()), ('ls-none', 2, 'UNKNOWN', NULL, now(), now());
					""");

			// when
			database.migrateTo("latest");

			// then
			assertThat(jdbc.queryForList("SELECT channel_id, channel_status_raw FROM livestation.channel ORDER BY 1"))
				.containsExactly(row("ls-exact", "PUBLISHING"), row("ls-legacy", "PUBLISH"), row("ls-none", null),
						row("ls-stopped", " stopped"));
			// STOPPED, documented but once unknown, gets its status (V8)
			assertThat(jdbc.queryForObject("SELECT channel_status FROM livestation.channel WHERE channel_id = 'ls-stopped'",
					String.class)).isEqualTo("STOPPED");
			assertThat(jdbc.queryForList("SELECT channel_status_raw FROM livestation.channel_status_history ORDER BY channel_id",
					String.class)).containsExactly("PUBLISHING", "PUBLISH");
			assertThat(jdbc.queryForList("SELECT channel_status_raw FROM livestation.snapshot ORDER BY snapshot_id",
					String.class)).isEqualTo(java.util.Arrays.asList("READY", null));
		}
		finally {
			TestDatabase.get().drop(database);
		}
	}

	private static Map<String, Object> row(String channelId, String raw) {
		Map<String, Object> row = new java.util.LinkedHashMap<>();
		row.put("channel_id", channelId);
		row.put("channel_status_raw", raw);
		return row;
	}

}
