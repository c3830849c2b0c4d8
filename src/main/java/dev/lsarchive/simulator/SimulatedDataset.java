package dev.lsarchive.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The deterministic content of a simulated account: channels in listing order, and for each
 * channel a lazily generated event history (a million events cost no memory), its snapshots and its
 * recordings. The same seed and anchor give the same data, so tests can compute what the archive
 * must contain.
 */
public final class SimulatedDataset {

	/** Every documented channel status. */
	public static final List<String> STATUSES = List.of("CREATING", "READY", "PUBLISHING", "DELETED", "BLOCK",
			"FORCE_BLOCK", "FORCE_DELETED", "RESERVED", "STOPPED");

	/** The kinds of channel, each listed by an endpoint of its own. */
	public static final List<String> KINDS = List.of("LIVE", "RE_STREAM", "VOD2LIVE");

	/** A publishing channel takes a new snapshot this often; each is readable for one hour. */
	public static final Duration SNAPSHOT_INTERVAL = Duration.ofMinutes(40);

	/** Where the account's audience lives: its sessions follow the evenings there. */
	public static final ZoneId ACCOUNT_ZONE = ZoneId.of("Asia/Seoul");

	// the account lives on its clock from an hour after its history: a test's night sees the history alone
	static final long LIVE_AFTER_ANCHOR_MILLIS = 3_600_000L;

	private final SimulatorProperties properties;

	private final Instant anchor;

	private final ChannelLifecycle channels;

	private final SnapshotGenerator snapshots;

	private final RecordingGenerator recordings;

	/** Data anchored at {@code simulator.anchor}, by default the start of the current UTC day. */
	public SimulatedDataset(SimulatorProperties properties) {
		this(properties, (properties.anchor() != null) ? properties.anchor()
				: Instant.now().truncatedTo(ChronoUnit.DAYS));
	}

	/** Data whose history ends at {@code anchor}. */
	public SimulatedDataset(SimulatorProperties properties, Instant anchor) {
		this.properties = properties;
		this.anchor = anchor;
		this.channels = new ChannelLifecycle(properties, anchor, liveFrom());
		this.snapshots = new SnapshotGenerator(anchor);
		this.recordings = new RecordingGenerator(properties, anchor);
	}

	/** The instant the generated history ends at. */
	public Instant anchor() {
		return this.anchor;
	}

	/** When the account starts living on its clock: an hour after its generated history. */
	public Instant liveFrom() {
		return this.anchor.plusMillis(LIVE_AFTER_ANCHOR_MILLIS);
	}

	/** Number of events every channel has. */
	public int eventsPerChannel() {
		return this.properties.eventsPerChannel();
	}

	/** Channels in listing order (the newest first once drift has created some). */
	public List<SimulatedChannel> channels() {
		return this.channels.channels();
	}

	/** The channel with this id, if any. */
	public Optional<SimulatedChannel> channel(String channelId) {
		return this.channels.channel(channelId);
	}

	/** The channels of one kind, in listing order. */
	public List<SimulatedChannel> channels(String kind) {
		return this.channels.channels(kind);
	}

	/** Creates a channel of {@code kind} at the head of its listing, as a user creating one while the archive pages. */
	public SimulatedChannel createChannelAtHead(String kind) {
		return this.channels.createChannelAtHead(kind);
	}

	/**
	 * The channels that exist at {@code nowMillis}, in listing order: those of the history, then one
	 * created every day / {@code new-channels-per-day} after {@link #liveFrom()}; a deleted channel is
	 * listed as DELETED for a day, then no longer.
	 */
	public List<SimulatedChannel> channelsAt(long nowMillis) {
		return this.channels.channelsAt(nowMillis);
	}

	/** The channels of one kind that exist at {@code nowMillis}. */
	public List<SimulatedChannel> channels(String kind, long nowMillis) {
		return this.channels.channels(kind, nowMillis);
	}

	/** The channel with this id at {@code nowMillis}, if it exists then. */
	public Optional<SimulatedChannel> channel(String channelId, long nowMillis) {
		return this.channels.channel(channelId, nowMillis);
	}

	/** The status the API reports for the channel at {@code nowMillis}. */
	public String reportedStatusAt(SimulatedChannel channel, long nowMillis) {
		return this.channels.reportedStatusAt(channel, nowMillis);
	}

	/**
	 * The channel's status at {@code nowMillis}: as generated, except that, from a day after
	 * {@link #liveFrom()}, every sixth channel goes on and off air day by day and every ninth is
	 * deleted on a day of its own.
	 */
	public String statusAt(SimulatedChannel channel, long nowMillis) {
		return this.channels.statusAt(channel, nowMillis);
	}

	/** The events of a channel's generated history (before the anchor), in the order the API sends them. */
	public Iterator<SimulatedEvent> events(SimulatedChannel channel) {
		return events(channel, this.anchor.toEpochMilli());
	}

	/**
	 * The events of a channel through {@code untilMillis}: its history, then, from
	 * {@link #liveFrom()} on, the events the account brings every day ({@code events-per-day}). The
	 * same seed gives the same events whatever the bound.
	 */
	public Iterator<SimulatedEvent> events(SimulatedChannel channel, long untilMillis) {
		return new EventGenerator(channel, this.properties, this.anchor, untilMillis);
	}

	/**
	 * Whether the channel never publishes: {@code never-publishing-share} of the channels not publishing
	 * now were created and configured, never on air (their events are settings updates only).
	 */
	public boolean neverPublishes(SimulatedChannel channel) {
		return EventGenerator.neverPublishes(channel, this.properties);
	}

	/**
	 * The snapshot the channel's listing carries at {@code nowMillis}: the latest one a publishing
	 * channel took, or the one old snapshot of another; null when the channel has none.
	 */
	public @Nullable SimulatedSnapshot snapshotAt(SimulatedChannel channel, long nowMillis) {
		return this.snapshots.snapshotAt(channel, nowMillis);
	}

	/** Every snapshot the channel took from {@code fromMillis} through {@code toMillis}, oldest first. */
	public List<SimulatedSnapshot> snapshotsTaken(SimulatedChannel channel, long fromMillis, long toMillis) {
		return this.snapshots.snapshotsTaken(channel, fromMillis, toMillis);
	}

	/** The snapshot {@code snapshotId} of the channel, if it ever took it by {@code nowMillis}. */
	public Optional<SimulatedSnapshot> snapshot(SimulatedChannel channel, long snapshotId, long nowMillis) {
		return this.snapshots.snapshot(channel, snapshotId, nowMillis);
	}

	/**
	 * The recordings the channel's records list shows at {@code nowMillis}: one per
	 * {@code ONAIR_START} .. {@code ONAIR_END} of its events (the last one still recording when its end
	 * is not among them), until Live Station drops its copy.
	 */
	public List<SimulatedRecording> recordingsAt(SimulatedChannel channel, long nowMillis) {
		return this.recordings.recordingsAt(channel, nowMillis);
	}

}
