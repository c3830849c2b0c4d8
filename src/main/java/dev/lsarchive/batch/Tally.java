package dev.lsarchive.batch;

/**
 * What became of a record read, in the one vocabulary of every resource: each record read is
 * written, unchanged (archived already) or quarantined.
 */
public enum Tally {

	/** Read from the API. */
	READ("read", "read"),
	/** Added or changed in the archive. */
	WRITTEN("written", "added or changed"),
	/** Archived already, as it is. */
	UNCHANGED("unchanged", "archived already, unchanged"),
	/** Sent to quarantine. */
	QUARANTINED("quarantined", "sent to quarantine");

	private final String word;

	private final String meaning;

	Tally(String word, String meaning) {
		this.word = word;
		this.meaning = meaning;
	}

	/** The word a resource's counter key ends with unless it declares another, e.g. {@code written}. */
	public String word() {
		return this.word;
	}

	/** What it means for a record, e.g. {@code added or changed}. */
	String meaning() {
		return this.meaning;
	}

}
