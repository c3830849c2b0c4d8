package dev.lsarchive.snapshot;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.Counts;
import dev.lsarchive.batch.SummaryNote;
import dev.lsarchive.batch.Tally;

/** The snapshots resource: its counters and the summary lines on snapshots archived already or expired. */
public final class SnapshotResource {

	/** Listed snapshots archived without their info: it expired (after one hour) before any run read it. */
	static final Counter EXPIRED = new Counter("snapshots.expired",
			"Listed snapshots archived without their info: it expired (after one hour) before any run read it");

	/** Snapshots whose channel status was not recognised. */
	static final Counter UNKNOWN_STATUS = new Counter("snapshots.unknown_status",
			"Snapshots whose channel status was not recognised");

	/**
	 * Snapshots a run found listed and archived already, whose info it did not ask for again (captured
	 * info cannot change, expired info never comes back): read from the listing and unchanged.
	 */
	static final Counter READ_UNCHANGED = new Counter("snapshots.read_unchanged",
			"Snapshots a run found listed and archived already, whose info it did not ask for again");

	/** Fields of snapshot info the API sent for the first time (reporting.api_fields). */
	static final Counter NEW_FIELDS = new Counter("snapshots.new_fields",
			"Fields of snapshot info the API sent for the first time, each announced in the summary"
					+ " (reporting.api_fields)");

	/** Snapshot metadata. */
	public static final ArchivedResource SNAPSHOTS = ArchivedResource.named("snapshots", 3)
		.fact(EXPIRED)
		.fact(UNKNOWN_STATUS)
		.readUnchanged(READ_UNCHANGED)
		.fact(NEW_FIELDS)
		.note(50, (counts) -> (counts.get(READ_UNCHANGED) > 0)
				? "snapshots: " + SummaryNote.count(counts.get(READ_UNCHANGED), "listed snapshot", "listed snapshots")
						+ " archived already (their info is not asked again)"
				: null)
		// the ones asked for this run: those archived already were not asked again
		.note(60, (counts) -> (asked(counts) > 0)
				? "snapshots: of " + SummaryNote.count(asked(counts), "snapshot", "snapshots")
						+ " whose info this run asked for, " + counts.get(EXPIRED)
						+ " had expired (info is readable for one hour; kept as listed, not quarantined)"
				: null)
		.build();

	private SnapshotResource() {
	}

	// snapshots read, the ones found archived already (not asked again) aside
	private static long asked(Counts counts) {
		return counts.get(SNAPSHOTS, Tally.READ) - counts.get(READ_UNCHANGED);
	}

}
