package dev.lsarchive.reporting;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SqlArrays;

/**
 * The one home of {@code reporting.api_fields}: every field path the API has sent, per resource.
 * Writers add the paths of the records of a chunk in the chunk's own transaction, one statement per
 * resource, and learn how many were new; a path new to a resource whose fields an earlier run saw is
 * announced (a resource's first run is its baseline, so that a first night, or the first night after
 * an upgrade, announces nothing). A run's summary lists the fields its job instance announced.
 */
public final class ApiFields {

	// in path order, so that two writers adding the same paths lock them in the same order; a record's
	// count goes on within one job instance (a resumed run), and starts again with another
	private static final String ADD = """
			INSERT INTO reporting.api_fields AS f (resource, path, is_mapped, first_seen_run_date, first_seen_at,
			    first_seen_job_execution_id, is_announced, last_seen_run_date, last_seen_at, last_seen_job_execution_id,
			    records)
			SELECT ?, i.path, i.path = ANY (?::text[]), ?, ?, ?,
			       EXISTS (SELECT 1 FROM reporting.api_fields o
			               JOIN livestation.archive_run r ON r.job_execution_id = o.first_seen_job_execution_id
			               WHERE o.resource = ? AND r.job_instance_id IS DISTINCT FROM
			                   (SELECT x.job_instance_id FROM livestation.archive_run x WHERE x.job_execution_id = ?)),
			       ?, ?, ?, i.records
			FROM unnest(?::text[], ?::bigint[]) AS i(path, records)
			ORDER BY i.path
			ON CONFLICT (resource, path) DO UPDATE SET is_mapped = excluded.is_mapped,
			    last_seen_run_date = excluded.last_seen_run_date, last_seen_at = excluded.last_seen_at,
			    last_seen_job_execution_id = excluded.last_seen_job_execution_id,
			    records = CASE WHEN EXISTS (SELECT 1 FROM livestation.archive_run l JOIN livestation.archive_run x
			                                    ON x.job_instance_id = l.job_instance_id
			                                WHERE l.job_execution_id = f.last_seen_job_execution_id
			                                  AND x.job_execution_id = excluded.last_seen_job_execution_id)
			                   THEN f.records + excluded.records ELSE excluded.records END
			RETURNING xmax = 0 AND is_announced
			""";

	private static final String ANNOUNCED = """
			SELECT f.resource || '.' || f.path FROM reporting.api_fields f
			JOIN livestation.archive_run first ON first.job_execution_id = f.first_seen_job_execution_id
			JOIN livestation.archive_run run ON run.job_instance_id = first.job_instance_id
			WHERE run.job_execution_id = ? AND f.is_announced
			ORDER BY f.resource, f.path
			""";

	private final JdbcTemplate jdbc;

	public ApiFields(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds the paths {@code seen} of {@code resource} ({@code channel}, {@code restream_target},
	 * {@code event}, {@code snapshot} or {@code recording}) as seen by {@code run}, in the transaction
	 * of the caller, and returns how many of them it announced as new.
	 *
	 * @param mapped the paths a column of the resource's table holds
	 */
	public int add(String resource, Seen seen, Set<String> mapped, RunContext run) {
		Map<String, Long> paths = seen.byPath();
		if (paths.isEmpty()) {
			return 0;
		}
		Timestamp observed = Timestamp.from(run.observedAt());
		List<Boolean> announced = this.jdbc.query(ADD, (ps) -> {
			ps.setString(1, resource);
			SqlArrays.bind(ps, 2, "text", mapped.toArray());
			ps.setObject(3, run.runDate());
			ps.setTimestamp(4, observed);
			ps.setLong(5, run.jobExecutionId());
			ps.setString(6, resource);
			ps.setLong(7, run.jobExecutionId());
			ps.setObject(8, run.runDate());
			ps.setTimestamp(9, observed);
			ps.setLong(10, run.jobExecutionId());
			SqlArrays.bind(ps, 11, "text", paths.keySet().toArray());
			SqlArrays.bind(ps, 12, "bigint", paths.values().toArray());
		}, (rs, row) -> rs.getBoolean(1));
		return (int) announced.stream().filter(Boolean::booleanValue).count();
	}

	/** The paths listed for {@code resource}. */
	public Set<String> paths(String resource) {
		return new HashSet<>(this.jdbc.queryForList("SELECT path FROM reporting.api_fields WHERE resource = ?",
				String.class, resource));
	}

	/** The fields the job instance of {@code jobExecutionId} announced, as {@code resource.path}, sorted. */
	public List<String> announcedBy(long jobExecutionId) {
		return this.jdbc.queryForList(ANNOUNCED, String.class, jobExecutionId);
	}

	/**
	 * The field paths of a chunk's records, counted per path. The records of a chunk carry few
	 * distinct sets of paths (events of a usual shape share one instance, other records have equal
	 * ones): each set is counted once per record, and expanded into its paths once per chunk.
	 */
	public static final class Seen {

		private final Map<Set<String>, long[]> sets = new HashMap<>();

		/** One record carrying the fields {@code paths}. */
		public void add(Set<String> paths) {
			if (!paths.isEmpty()) {
				this.sets.computeIfAbsent(paths, (p) -> new long[1])[0]++;
			}
		}

		/** Whether no record carried a field. */
		public boolean isEmpty() {
			return this.sets.isEmpty();
		}

		/** Every path some record carried. */
		public Set<String> paths() {
			return byPath().keySet();
		}

		/** How many records carried each path, by path. */
		Map<String, Long> byPath() {
			Map<String, Long> byPath = new TreeMap<>();
			this.sets.forEach((paths, records) -> paths.forEach((path) -> byPath.merge(path, records[0], Long::sum)));
			return byPath;
		}

	}

}
