package dev.lsarchive.batch;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Every count a run keeps, typed: what became of the records of each resource (one vocabulary for
 * all of them: read, written, unchanged, quarantined), and the facts the steps note on the way. Each
 * has a stable key under which steps save it in their ExecutionContext; the keys never change, so
 * that a run resumed by a newer version still finds the counts of the executions before it.
 */
public enum Counter {

	/** Channels listed and read. */
	CHANNELS_READ(Resource.CHANNELS, Tally.READ, "channels.read"),
	/** Channels added or changed. */
	CHANNELS_WRITTEN(Resource.CHANNELS, Tally.WRITTEN, "channels.written"),
	/** Channels archived already, unchanged. */
	CHANNELS_UNCHANGED(Resource.CHANNELS, Tally.UNCHANGED, "channels.unchanged"),
	/** Channels sent to quarantine. */
	CHANNELS_QUARANTINED(Resource.CHANNELS, Tally.QUARANTINED, "channels.quarantined"),
	/** Events read. */
	EVENTS_READ(Resource.EVENTS, Tally.READ, "events.read"),
	/** Events added. */
	EVENTS_WRITTEN(Resource.EVENTS, Tally.WRITTEN, "events.written"),
	/** Events archived already (events never change: an archived one is unchanged). */
	EVENTS_UNCHANGED(Resource.EVENTS, Tally.UNCHANGED, "events.already_archived"),
	/** Events sent to quarantine. */
	EVENTS_QUARANTINED(Resource.EVENTS, Tally.QUARANTINED, "events.quarantined"),
	/** Snapshots read. */
	SNAPSHOTS_READ(Resource.SNAPSHOTS, Tally.READ, "snapshots.read"),
	/** Snapshots added or changed. */
	SNAPSHOTS_WRITTEN(Resource.SNAPSHOTS, Tally.WRITTEN, "snapshots.written"),
	/** Snapshots archived already, unchanged. */
	SNAPSHOTS_UNCHANGED(Resource.SNAPSHOTS, Tally.UNCHANGED, "snapshots.unchanged"),
	/** Snapshots sent to quarantine. */
	SNAPSHOTS_QUARANTINED(Resource.SNAPSHOTS, Tally.QUARANTINED, "snapshots.quarantined"),
	/** Recordings read. */
	RECORDINGS_READ(Resource.RECORDINGS, Tally.READ, "recordings.read"),
	/** Recordings added or changed (a new status, an upload finished). */
	RECORDINGS_WRITTEN(Resource.RECORDINGS, Tally.WRITTEN, "recordings.written"),
	/** Recordings archived already, unchanged. */
	RECORDINGS_UNCHANGED(Resource.RECORDINGS, Tally.UNCHANGED, "recordings.unchanged"),
	/** Recordings sent to quarantine. */
	RECORDINGS_QUARANTINED(Resource.RECORDINGS, Tally.QUARANTINED, "recordings.quarantined"),

	/** Channels in the listing (its last complete pass). */
	CHANNELS_LISTED(null, null, "channels.listed"),
	/** Live channels in the listing. */
	CHANNELS_LISTED_LIVE(null, null, "channels.listed.live"),
	/** Re-stream channels in the listing. */
	CHANNELS_LISTED_RE_STREAM(null, null, "channels.listed.re_stream"),
	/** VOD2LIVE channels in the listing. */
	CHANNELS_LISTED_VOD2LIVE(null, null, "channels.listed.vod2live"),
	/** Channels whose status was not recognised. */
	CHANNELS_UNKNOWN_STATUS(null, null, "channels.unknown_status"),
	/** Listed snapshots archived without their info: it expired (after one hour) before any run read it. */
	SNAPSHOTS_EXPIRED(null, null, "snapshots.expired"),
	/** Snapshots whose channel status was not recognised. */
	SNAPSHOTS_UNKNOWN_STATUS(null, null, "snapshots.unknown_status"),
	/** Pages of the channel listing read. */
	LISTING_PAGES(null, null, "listing.pages"),
	/** Extra passes over the listing because it drifted while paged. */
	LISTING_REREADS(null, null, "listing.rereads"),
	/** Channels that appeared or vanished while the listing was paged. */
	LISTING_DRIFT(null, null, "listing.drift"),
	/** Events whose timestamp arrived in seconds and was scaled. */
	EVENTS_SCALED_TIMESTAMPS(null, null, "events.scaled_timestamps"),
	/** Windows of possible event loss found (event lists that no longer reached back to what was archived). */
	EVENT_GAPS(null, null, "events.gaps"),
	/** Channels whose recordings were asked for (see the recordings step's rule). */
	RECORDING_CHANNELS_ASKED(null, null, "recordings.channels_asked"),
	/** Events of lists received byte for byte as archived, counted without parsing them. */
	EVENTS_READ_UNCHANGED(null, null, "events.read_unchanged"),
	/** Event lists received byte for byte as archived. */
	EVENTS_UNCHANGED_LISTS(null, null, "events.unchanged_lists"),
	/**
	 * Snapshots a capture found listed and archived already, whose info it did not ask for again (their
	 * info cannot change): read from the listing and unchanged.
	 */
	SNAPSHOTS_READ_UNCHANGED(null, null, "snapshots.read_unchanged");

	/** Prefix of every counter key in a step ExecutionContext. */
	public static final String CONTEXT_PREFIX = "archive.count.";

	private final @Nullable Resource resource;

	private final @Nullable Tally tally;

	private final String key;

	Counter(@Nullable Resource resource, @Nullable Tally tally, String key) {
		this.resource = resource;
		this.tally = tally;
		this.key = key;
	}

	/** The counter of {@code tally} for {@code resource}. */
	public static Counter of(Resource resource, Tally tally) {
		for (Counter counter : values()) {
			if (counter.resource == resource && counter.tally == tally) {
				return counter;
			}
		}
		throw new IllegalArgumentException("No counter for " + resource + " " + tally);
	}

	/** The stable name, e.g. {@code events.written}. */
	public String key() {
		return this.key;
	}

	/** The key in a step's ExecutionContext. */
	public String contextKey() {
		return CONTEXT_PREFIX + this.key;
	}

	/** The archived resources. */
	public enum Resource {

		/** Channels of the listing. */
		CHANNELS,
		/** Channel events. */
		EVENTS,
		/** Snapshot metadata. */
		SNAPSHOTS,
		/** Recordings. */
		RECORDINGS;

		/** Lower-case name, as in metrics and summaries. */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** What became of a record read: every one is written, unchanged or quarantined. */
	public enum Tally {

		/** Read from the API. */
		READ,
		/** Added or changed in the archive. */
		WRITTEN,
		/** Archived already, as it is. */
		UNCHANGED,
		/** Sent to quarantine. */
		QUARANTINED

	}

}
