package dev.lsarchive.job;

import java.util.List;
import java.util.function.ToLongFunction;

import dev.lsarchive.batch.Tally;

/**
 * A count column of {@code livestation.archive_run} that analysts query by its name, and the
 * counters it holds: the sum of some counters by their stable keys, or a tally over every resource.
 *
 * @param column the column's name
 * @param keys the stable keys of the counters it sums (empty for a tally over every resource)
 * @param value its value in a run's totals
 */
record LedgerColumn(String column, List<String> keys, ToLongFunction<RunTotals> value) {

	/** The column {@code column}: the sum of the counters of stable keys {@code keys}. */
	static LedgerColumn of(String column, String... keys) {
		List<String> summed = List.of(keys);
		return new LedgerColumn(column, summed,
				(totals) -> summed.stream().mapToLong(totals::get).sum());
	}

	/** The column {@code column}: {@code tally} over every resource, those without a column of their own included. */
	static LedgerColumn items(String column, Tally tally) {
		return new LedgerColumn(column, List.of(), (totals) -> totals.items(tally));
	}

}
