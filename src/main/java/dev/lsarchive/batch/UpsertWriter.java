package dev.lsarchive.batch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;

import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * The shape of a resource's writer that upserts a chunk's rows with set-based statements: the rows
 * normalization gave are written inside a {@link DataErrorScan} (one statement for the chunk; a row
 * the database refuses for a reason of its data is isolated and quarantined, the others written),
 * the records normalization rejected and those the database refused are quarantined in the chunk's
 * transaction, and the chunk's records are counted read, written (the statement's row count),
 * unchanged (the rest of the rows) or quarantined. A writer keeps only its SQL and the mapping of
 * its rows.
 *
 * @param <T> the item type of the step
 * @param <R> the row type written
 */
public abstract class UpsertWriter<T, R> extends CountingWriter<T> {

	private final ArchivedResource resource;

	private final DataSource dataSource;

	private final QuarantineWriter quarantine;

	protected UpsertWriter(ArchivedResource resource, DataSource dataSource, QuarantineWriter quarantine) {
		this.resource = resource;
		this.dataSource = dataSource;
		this.quarantine = quarantine;
	}

	@Override
	protected final void writeChunk(Chunk<? extends T> chunk) throws SQLException {
		RunContext run = RunContext.current();
		List<Outcome<R>> outcomes = outcomes(chunk);
		Outcome.Split<R> split = Outcome.split(outcomes);
		List<R> rows = split.rows();
		DataErrorScan.Result<R> result = write(rows, run);
		List<QuarantineRecord> rejected = new ArrayList<>(split.rejected());
		for (DataErrorScan.Refused<R> refused : result.refused()) {
			rejected.add(quarantined(refused));
		}
		this.quarantine.write(rejected, run.runDate(), run.jobExecutionId());
		countChunk(this.resource, outcomes.size(), rows.size(), result, rejected.size());
		written(chunk, stored(rows, result), run);
	}

	/** The chunk's records, each normalized to a row or to a quarantine record. */
	protected abstract List<Outcome<R>> outcomes(Chunk<? extends T> chunk);

	/**
	 * Writes the rows and returns what the database did with them: by default {@link #upsert} inside
	 * one {@link #scan}; a writer whose rows take different statements scans each part.
	 */
	protected DataErrorScan.Result<R> write(List<R> rows, RunContext run) throws SQLException {
		return scan(rows, (part) -> upsert(part, run));
	}

	/** Writes {@code rows} with one statement, returning how many it added or changed. */
	protected abstract int upsert(List<R> rows, RunContext run) throws SQLException;

	/** The quarantine record of a row the database refused, with its reason. */
	protected abstract QuarantineRecord quarantined(DataErrorScan.Refused<R> refused);

	/**
	 * What else a chunk does once its rows are stored and its rejects quarantined, in the same
	 * transaction: facts to {@link #count} of the rows the database kept, bookkeeping of its own.
	 *
	 * @param stored the rows the database did not refuse
	 */
	protected void written(Chunk<? extends T> chunk, List<R> stored, RunContext run) throws SQLException {
	}

	/** {@code write} of {@code rows} inside a {@link DataErrorScan} of the chunk's transaction. */
	protected final DataErrorScan.Result<R> scan(List<R> rows, DataErrorScan.Write<R> write) throws SQLException {
		return DataErrorScan.write(this.dataSource, rows, write);
	}

	private static <R> List<R> stored(List<R> rows, DataErrorScan.Result<R> result) {
		if (result.refused().isEmpty()) {
			return rows;
		}
		Set<R> refused = Collections.newSetFromMap(new IdentityHashMap<>());
		result.refused().forEach((row) -> refused.add(row.row()));
		return rows.stream().filter((row) -> !refused.contains(row)).toList();
	}

}
