package dev.lsarchive.example;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.DataErrorScan;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.batch.UpsertWriter;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.quarantine.QuarantineWriter;

/** Upserts a chunk of example rows in one statement; unchanged rows are not touched. */
class ExampleWriter extends UpsertWriter<Outcome<ExampleRow>, ExampleRow> {

	private static final String UPSERT = """
			INSERT INTO example.item AS e (id, value, first_archived_at, last_archived_at)
			SELECT i.*, ?, ? FROM unnest(?::text[], ?::text[]) AS i(id, value)
			ON CONFLICT (id) DO UPDATE SET value = excluded.value, last_archived_at = excluded.last_archived_at
			WHERE e.value IS DISTINCT FROM excluded.value
			""";

	private final JdbcTemplate jdbc;

	ExampleWriter(JdbcTemplate jdbc, QuarantineWriter quarantine) {
		super(ExampleResource.EXAMPLES, jdbc.getDataSource(), quarantine);
		this.jdbc = jdbc;
	}

	@Override
	protected List<Outcome<ExampleRow>> outcomes(Chunk<? extends Outcome<ExampleRow>> chunk) {
		return Collections.unmodifiableList(chunk.getItems());
	}

	@Override
	protected int upsert(List<ExampleRow> rows, RunContext run) {
		Timestamp observed = Timestamp.from(run.observedAt());
		return this.jdbc.update(UPSERT, (ps) -> {
			ps.setTimestamp(1, observed);
			ps.setTimestamp(2, observed);
			SqlArrays.bind(ps, 3, "text", rows.stream().map(ExampleRow::id).toArray());
			SqlArrays.bind(ps, 4, "text", rows.stream().map(ExampleRow::value).toArray());
		});
	}

	@Override
	protected QuarantineRecord quarantined(DataErrorScan.Refused<ExampleRow> refused) {
		return new QuarantineRecord("example", ExampleNormalizer.ENDPOINT, null, refused.reason(), refused.rowJson());
	}

	@Override
	protected void written(Chunk<? extends Outcome<ExampleRow>> chunk, List<ExampleRow> stored, RunContext run) {
		count(ExampleResource.TRIMMED, stored.stream().filter(ExampleRow::trimmed).count());
	}

}
