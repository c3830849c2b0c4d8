package dev.lsarchive.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * What normalizing one record gave: a row to archive, or a quarantine entry saying why not.
 *
 * @param <T> the row type
 */
public sealed interface Outcome<T> {

	/** A normalized row. */
	static <T> Outcome<T> archive(T row) {
		return new Archive<>(row);
	}

	/** A record that cannot be archived, with the reason. */
	static <T> Outcome<T> quarantine(QuarantineRecord record) {
		return new Quarantine<>(record);
	}

	/** Separates the rows to archive from the records to quarantine, keeping their order. */
	static <T> Split<T> split(Iterable<? extends Outcome<T>> outcomes) {
		List<T> rows = new ArrayList<>();
		List<QuarantineRecord> rejected = new ArrayList<>();
		for (Outcome<T> outcome : outcomes) {
			if (outcome instanceof Archive<T> archive) {
				rows.add(archive.row());
			}
			else if (outcome instanceof Quarantine<T> quarantine) {
				rejected.add(quarantine.record());
			}
		}
		return new Split<>(rows, rejected);
	}

	/**
	 * A chunk of outcomes, separated.
	 *
	 * @param rows rows to archive
	 * @param rejected records to quarantine
	 * @param <T> the row type
	 */
	record Split<T>(List<T> rows, List<QuarantineRecord> rejected) {
	}

	/**
	 * A normalized row.
	 *
	 * @param row the row
	 * @param <T> the row type
	 */
	record Archive<T>(T row) implements Outcome<T> {
	}

	/**
	 * A rejected record.
	 *
	 * @param record what to keep of it, and why
	 * @param <T> the row type that was expected
	 */
	record Quarantine<T>(QuarantineRecord record) implements Outcome<T> {
	}

}
