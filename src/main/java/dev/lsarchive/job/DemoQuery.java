package dev.lsarchive.job;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ends a demo run the way an analyst would start: one question asked of the archive with SQL,
 * printed with its answer.
 */
final class DemoQuery {

	static final String SQL = """
			SELECT channel_id, (occurred_at AT TIME ZONE 'Asia/Seoul')::date AS day, count(*) AS publish_starts
			FROM livestation.channel_event
			WHERE event_code = 'PUBLISH_START'
			GROUP BY channel_id, day
			ORDER BY day DESC, channel_id
			LIMIT 5""";

	private DemoQuery() {
	}

	static void print(JdbcTemplate jdbc, PrintStream out) {
		List<Map<String, Object>> rows = jdbc.queryForList(SQL);
		StringBuilder text = new StringBuilder("\nHow many PUBLISH_START events per channel per day?\n\n");
		text.append(SQL.indent(2)).append('\n');
		text.append(String.format("  %-26s %-12s %s%n", "channel_id", "day", "publish_starts"));
		for (Map<String, Object> row : rows) {
			text.append(String.format("  %-26s %-12s %s%n", row.get("channel_id"), row.get("day"),
					row.get("publish_starts")));
		}
		out.print(text);
		out.flush();
	}

}
