package dev.lsarchive.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The deterministic content of a simulated account: channels in listing order, and for each
 * channel a lazily generated event history (a million events cost no memory). The same seed and
 * anchor give the same data, so tests can compute what the archive must contain.
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

	// PUBLISHING and READY dominate a real account
	private static final List<String> STATUS_MIX = List.of("PUBLISHING", "READY", "PUBLISHING", "READY", "READY",
			"CREATING", "DELETED", "BLOCK", "FORCE_BLOCK", "FORCE_DELETED", "STOPPED", "PUBLISHING");

	// a re-stream channel relays or waits; a VOD2LIVE channel is mostly scheduled
	private static final List<String> RESTREAM_STATUSES = List.of("PUBLISHING", "READY", "STOPPED", "PUBLISHING");

	private static final List<String> VOD_STATUSES = List.of("RESERVED", "PUBLISHING", "READY", "RESERVED");

	private static final List<String> PLATFORMS = List.of("YOUTUBE", "CHZZK", "TWITCH", "CUSTOM");

	// snapshot ids of a publishing channel: its base id times this, plus the number of the snapshot
	private static final long SNAPSHOT_ID_SCALE = 100_000L;

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(ZoneOffset.UTC);

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final SimulatorProperties properties;

	private final Instant anchor;

	private final List<SimulatedChannel> channels = new CopyOnWriteArrayList<>();

	private final AtomicInteger generated = new AtomicInteger();

	private final ConcurrentMap<Integer, SimulatedChannel> created = new ConcurrentHashMap<>();

	// the account lives on its clock from an hour after its history: a test's night sees the history alone
	private static final long LIVE_AFTER_ANCHOR_MILLIS = 3_600_000L;

	// indexes of channels created on the clock, apart from those of the history and of drift
	private static final int CREATED_INDEX_BASE = 10_000_000;

	/** Data anchored at the start of the current UTC day. */
	public SimulatedDataset(SimulatorProperties properties) {
		this(properties, Instant.now().truncatedTo(ChronoUnit.DAYS));
	}

	/** Data whose history ends at {@code anchor}. */
	public SimulatedDataset(SimulatorProperties properties, Instant anchor) {
		this.properties = properties;
		this.anchor = anchor;
		for (int i = 0; i < properties.channels(); i++) {
			this.channels.add(newChannel(null));
		}
	}

	/** The instant the generated history ends at. */
	public Instant anchor() {
		return this.anchor;
	}

	/** Channels in listing order (the newest first once drift has created some). */
	public List<SimulatedChannel> channels() {
		return List.copyOf(this.channels);
	}

	/** The channel with this id, if any. */
	public Optional<SimulatedChannel> channel(String channelId) {
		for (SimulatedChannel channel : this.channels) {
			if (channel.channelId().equals(channelId)) {
				return Optional.of(channel);
			}
		}
		return Optional.empty();
	}

	/** The channels of one kind, in listing order. */
	public List<SimulatedChannel> channels(String kind) {
		return this.channels.stream().filter((c) -> c.kind().equals(kind)).toList();
	}

	/** Creates a channel of {@code kind} at the head of its listing, as a user creating one while the archive pages. */
	public SimulatedChannel createChannelAtHead(String kind) {
		SimulatedChannel channel = newChannel(kind);
		this.channels.add(0, channel);
		return channel;
	}

	/**
	 * The snapshot the channel's listing carries at {@code nowMillis}: the latest one a publishing
	 * channel took, or the one old snapshot of another; null when the channel has none.
	 */
	public @Nullable SimulatedSnapshot snapshotAt(SimulatedChannel channel, long nowMillis) {
		if (channel.snapshotId() == null) {
			return null;
		}
		long number = channel.takesSnapshots() ? snapshotNumber(channel, nowMillis) : -1;
		return (number < 0) ? oldSnapshot(channel) : periodicSnapshot(channel, number);
	}

	/** Every snapshot the channel took from {@code fromMillis} through {@code toMillis}, oldest first. */
	public List<SimulatedSnapshot> snapshotsTaken(SimulatedChannel channel, long fromMillis, long toMillis) {
		List<SimulatedSnapshot> taken = new ArrayList<>();
		if (!channel.takesSnapshots()) {
			return taken;
		}
		for (long n = Math.max(0, snapshotNumber(channel, fromMillis)); n <= snapshotNumber(channel, toMillis); n++) {
			SimulatedSnapshot snapshot = periodicSnapshot(channel, n);
			if (snapshot.createdTime() >= fromMillis) {
				taken.add(snapshot);
			}
		}
		return taken;
	}

	/** The snapshot {@code snapshotId} of the channel, if it ever took it by {@code nowMillis}. */
	public Optional<SimulatedSnapshot> snapshot(SimulatedChannel channel, long snapshotId, long nowMillis) {
		if (channel.snapshotId() == null) {
			return Optional.empty();
		}
		if (snapshotId == channel.snapshotId()) {
			return Optional.of(oldSnapshot(channel));
		}
		long number = snapshotId - channel.snapshotId() * SNAPSHOT_ID_SCALE;
		if (!channel.takesSnapshots() || number < 0 || number >= SNAPSHOT_ID_SCALE
				|| number > snapshotNumber(channel, nowMillis)) {
			return Optional.empty();
		}
		return Optional.of(periodicSnapshot(channel, number));
	}

	/**
	 * The recordings the channel's records list shows at {@code nowMillis}: one per
	 * {@code ONAIR_START} .. {@code ONAIR_END} of its events (the last one still recording when its end
	 * is not among them), until Live Station drops its copy.
	 */
	public List<SimulatedRecording> recordingsAt(SimulatedChannel channel, long nowMillis) {
		List<SimulatedRecording> recordings = new ArrayList<>();
		Long begin = null;
		int seq = 0;
		for (Iterator<SimulatedEvent> it = events(channel, nowMillis); it.hasNext();) {
			SimulatedEvent event = it.next();
			if ("ONAIR_START".equals(event.eventCode())) {
				begin = event.timestamp();
			}
			else if ("ONAIR_END".equals(event.eventCode()) && begin != null) {
				recordings.add(recording(channel, ++seq, begin, event.timestamp()));
				begin = null;
			}
		}
		if (begin != null) {
			recordings.add(recording(channel, ++seq, begin, null));
		}
		recordings.removeIf((r) -> r.shouldDeleteTime() != null && r.shouldDeleteTime() <= nowMillis);
		return recordings;
	}

	private SimulatedRecording recording(SimulatedChannel channel, int seq, long begin, Long end) {
		long id = 7_000_000L + channel.index() * 10_000L + seq;
		return new SimulatedRecording(channel.channelId(), Long.toString(id), seq, begin, end, (channel.index() + seq) % 8 == 3,
				(seq % 3 == 0) ? "HLS" : "MP4", this.properties.recordingsKept().toMillis());
	}

	private static SimulatedSnapshot oldSnapshot(SimulatedChannel channel) {
		return new SimulatedSnapshot(channel.channelId(), channel.snapshotId(), channel.snapshotCreatedTime(),
				channel.snapshotDuration());
	}

	private SimulatedSnapshot periodicSnapshot(SimulatedChannel channel, long number) {
		return new SimulatedSnapshot(channel.channelId(), channel.snapshotId() * SNAPSHOT_ID_SCALE + number,
				snapshotBase(channel) + number * SNAPSHOT_INTERVAL.toMillis(), 1 + (int) ((channel.index() + number) % 240));
	}

	// a publishing channel has taken snapshots since a day before the anchor, each channel at its own minute
	private long snapshotBase(SimulatedChannel channel) {
		long interval = SNAPSHOT_INTERVAL.toMillis();
		return this.anchor.toEpochMilli() - 86_400_000L + (channel.index() * 7L * 60_000L) % interval;
	}

	private long snapshotNumber(SimulatedChannel channel, long nowMillis) {
		long since = nowMillis - snapshotBase(channel);
		return (since < 0) ? -1 : since / SNAPSHOT_INTERVAL.toMillis();
	}

	/** The events of a channel's generated history (before the anchor), in the order the API sends them. */
	public Iterator<SimulatedEvent> events(SimulatedChannel channel) {
		return new EventGenerator(channel, this.properties, this.anchor, this.anchor.toEpochMilli(), neverPublishes(channel));
	}

	/**
	 * The events of a channel through {@code untilMillis}: its history, then, from
	 * {@link #liveFrom()} on, the events the account brings every day ({@code events-per-day}). The
	 * same seed gives the same events whatever the bound.
	 */
	public Iterator<SimulatedEvent> events(SimulatedChannel channel, long untilMillis) {
		return new EventGenerator(channel, this.properties, this.anchor, untilMillis, neverPublishes(channel));
	}

	/**
	 * Whether the channel never publishes: {@code never-publishing-share} of the channels not publishing
	 * now were created and configured, never on air (their events are settings updates only).
	 */
	public boolean neverPublishes(SimulatedChannel channel) {
		return !"PUBLISHING".equals(channel.status())
				&& new SplittableRandom(this.properties.seed() * 2_750_159L + channel.index())
					.nextDouble() < this.properties.neverPublishingShare();
	}

	/** When the account starts living on its clock: an hour after its generated history. */
	public Instant liveFrom() {
		return this.anchor.plusMillis(LIVE_AFTER_ANCHOR_MILLIS);
	}

	/**
	 * The channels that exist at {@code nowMillis}, in listing order: those of the history, then one
	 * created every day / {@code new-channels-per-day} after {@link #liveFrom()}; a deleted channel is
	 * listed as DELETED for a day, then no longer.
	 */
	public List<SimulatedChannel> channelsAt(long nowMillis) {
		List<SimulatedChannel> existing = new ArrayList<>();
		for (SimulatedChannel channel : this.channels) {
			if (listedAt(channel, nowMillis)) {
				existing.add(channel);
			}
		}
		int perDay = this.properties.newChannelsPerDay();
		if (perDay > 0 && nowMillis > liveFrom().toEpochMilli()) {
			long interval = 86_400_000L / perDay;
			long created = (nowMillis - liveFrom().toEpochMilli()) / interval;
			for (int k = 0; k < created; k++) {
				existing.add(createdChannel(k, liveFrom().toEpochMilli() + (k + 1) * interval));
			}
		}
		return existing;
	}

	/** The channels of one kind that exist at {@code nowMillis}. */
	public List<SimulatedChannel> channels(String kind, long nowMillis) {
		return channelsAt(nowMillis).stream().filter((c) -> c.kind().equals(kind)).toList();
	}

	/** The channel with this id at {@code nowMillis}, if it exists then. */
	public Optional<SimulatedChannel> channel(String channelId, long nowMillis) {
		// asked once per request: the channels of the history first, without building the whole list
		Optional<SimulatedChannel> listed = channel(channelId);
		if (listed.isPresent()) {
			return listed.filter((c) -> listedAt(c, nowMillis));
		}
		return channelsAt(nowMillis).stream()
			.filter((c) -> c.index() >= CREATED_INDEX_BASE && c.channelId().equals(channelId))
			.findFirst();
	}

	/** The status the API reports for the channel at {@code nowMillis}. */
	public String reportedStatusAt(SimulatedChannel channel, long nowMillis) {
		String status = statusAt(channel, nowMillis);
		return status.equals(channel.status()) ? channel.reportedStatus() : status;
	}

	/**
	 * The channel's status at {@code nowMillis}: as generated, except that, from a day after
	 * {@link #liveFrom()}, every sixth channel goes on and off air day by day and every ninth is
	 * deleted on a day of its own.
	 */
	public String statusAt(SimulatedChannel channel, long nowMillis) {
		Long deleted = deletedAt(channel);
		if (deleted != null && nowMillis >= deleted) {
			return "DELETED";
		}
		long day = Math.floorDiv(nowMillis - liveFrom().toEpochMilli(), 86_400_000L);
		if (day >= 1 && channel.index() % 6 == 1) {
			return (day % 2 == 1) ? "PUBLISHING" : "READY";
		}
		return channel.status();
	}

	private @Nullable Long deletedAt(SimulatedChannel channel) {
		if (channel.index() % 9 != 8 || channel.index() >= CREATED_INDEX_BASE || "DELETED".equals(channel.status())) {
			return null;
		}
		return liveFrom().toEpochMilli() + (1 + channel.index() % 3) * 86_400_000L;
	}

	private boolean listedAt(SimulatedChannel channel, long nowMillis) {
		Long deleted = deletedAt(channel);
		return deleted == null || nowMillis < deleted + 86_400_000L;
	}

	private SimulatedChannel createdChannel(int k, long createdMillis) {
		SimulatedChannel known = this.created.get(k);
		if (known != null) {
			return known;
		}
		SimulatedChannel channel = newChannel(CREATED_INDEX_BASE + k, createdMillis, null);
		SimulatedChannel raced = this.created.putIfAbsent(k, channel);
		return (raced != null) ? raced : channel;
	}

	/** Number of events every channel has. */
	public int eventsPerChannel() {
		return this.properties.eventsPerChannel();
	}

	private SimulatedChannel newChannel(@Nullable String kindOverride) {
		int index = this.generated.getAndIncrement();
		return newChannel(index, this.anchor.minus(90, ChronoUnit.DAYS).toEpochMilli() + index * 5_000L, kindOverride);
	}

	private SimulatedChannel newChannel(int index, long created, @Nullable String kindOverride) {
		SplittableRandom random = new SplittableRandom(this.properties.seed() * 1_000_003L + index);
		String id = "ls-" + ID_TIME.format(Instant.ofEpochMilli(created)) + "-" + word(random, 5);
		String kind = (kindOverride != null) ? kindOverride : switch (index % 7) {
			case 5 -> "RE_STREAM";
			case 6 -> "VOD2LIVE";
			default -> "LIVE";
		};
		int statusDraw = random.nextInt(STATUS_MIX.size());
		String status = switch (kind) {
			case "RE_STREAM" -> RESTREAM_STATUSES.get(statusDraw % RESTREAM_STATUSES.size());
			case "VOD2LIVE" -> VOD_STATUSES.get(statusDraw % VOD_STATUSES.size());
			default -> STATUS_MIX.get(statusDraw);
		};
		String reported = ("PUBLISHING".equals(status) && random.nextDouble() < this.properties.legacyStatusShare())
				? "PUBLISH" : status;
		Long snapshotId = (random.nextDouble() < this.properties.snapshotShare()) ? 1000L + index : null;
		long snapshotCreated = this.anchor.toEpochMilli() - random.nextLong(1, 48 * 3_600_000L);
		long recentPublish = this.anchor.toEpochMilli() - random.nextLong(60_000L, 30 * 86_400_000L);
		String name = "channel " + (index + 1) + " " + word(random, 4);
		boolean recording = random.nextBoolean();
		int duration = random.nextInt(1, 241);
		String streamKey = "sk-" + word(random, 24);
		// a stream of its own, so that the other channel fields stay as they were before targets existed
		List<SimulatedChannel.Target> targets = "RE_STREAM".equals(kind)
				? targets(new SplittableRandom(this.properties.seed() * 31L + index)) : List.of();
		// re-stream channels carry no snapshot in their listing
		return new SimulatedChannel(index, kind, id, name, status, reported, created, recentPublish, recording,
				"RE_STREAM".equals(kind) ? null : snapshotId, snapshotCreated, duration, streamKey, targets);
	}

	private static List<SimulatedChannel.Target> targets(SplittableRandom random) {
		List<SimulatedChannel.Target> targets = new ArrayList<>();
		int count = random.nextInt(1, 4);
		for (int i = 0; i < count; i++) {
			String platform = PLATFORMS.get((i + random.nextInt(PLATFORMS.size())) % PLATFORMS.size());
			String url = switch (platform) {
				case "YOUTUBE" -> "rtmp://a.rtmp.youtube.com/live2";
				case "CHZZK" -> "rtmp://global-rtmp.chzzk.naver.com:8080/live";
				case "TWITCH" -> "rtmp://live.twitch.tv/app";
				default -> "rtmp://relay.example.com:1935/live/" + word(random, 6);
			};
			targets.add(new SimulatedChannel.Target(platform, url, "rk-" + word(random, 20), "rtmp-user-" + word(random, 8),
					"pw-" + word(random, 16)));
		}
		return targets;
	}

	private static String word(SplittableRandom random, int length) {
		StringBuilder word = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			word.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
		}
		return word.toString();
	}

	/**
	 * Sessions of publishing (and recording) in time order, cut at the channel's event count. A history
	 * that leaves a day or more per session has the rhythm of a real account: a session of 20 minutes
	 * to 6 hours, mostly in a {@link #ACCOUNT_ZONE} evening, then idle days; its last session is still
	 * on air when the channel is publishing and over when it is not. A denser history (a benchmark's
	 * large account) packs its sessions evenly over the window instead, as does the account's life on
	 * its clock after the history ({@code events-per-day}).
	 */
	private static final class EventGenerator implements Iterator<SimulatedEvent> {

		// events a session plans on average (the shares of planSession): spreads a history over its window
		private static final double EVENTS_PER_SESSION = 4.65;

		private static final long DAY = 86_400_000L;

		private static final long MINUTE = 60_000L;

		private final SimulatedChannel channel;

		private final SimulatorProperties properties;

		private final SplittableRandom random;

		// a stream of its own, so that changing a share does not change the events themselves
		private final SplittableRandom oddities;

		// the times of a rhythmic history, apart from the codes
		private final SplittableRandom rhythm;

		private final ArrayDeque<Planned> pending = new ArrayDeque<>();

		private final boolean rhythmic;

		private final boolean neverPublishes;

		private final long meanGap;

		private final long liveMeanGap;

		private final long end;

		private final long liveFrom;

		private final long until;

		private final int history;

		private long time;

		private int emitted;

		private @Nullable SimulatedEvent lookahead;

		EventGenerator(SimulatedChannel channel, SimulatorProperties properties, Instant anchor, long untilMillis,
				boolean neverPublishes) {
			this.channel = channel;
			this.properties = properties;
			this.neverPublishes = neverPublishes;
			this.random = new SplittableRandom(properties.seed() * 7_919L + channel.index());
			this.oddities = new SplittableRandom(properties.seed() * 104_729L + channel.index() + 1);
			this.rhythm = new SplittableRandom(properties.seed() * 15_485_863L + channel.index() + 2);
			long window = anchor.toEpochMilli() - 60_000L - (channel.createdTime() + 60_000L);
			// a channel created after the history has none: it lives on the clock only
			this.history = (window > 0) ? properties.eventsPerChannel() : 0;
			this.rhythmic = this.history > 0 && window / (this.history / EVENTS_PER_SESSION) >= DAY;
			this.meanGap = Math.max(2, Math.max(window, 86_400_000L) / Math.max(1, properties.eventsPerChannel()));
			this.liveMeanGap = (properties.eventsPerDay() > 0) ? Math.max(2, (long) (86_400_000L / properties.eventsPerDay()))
					: this.meanGap;
			this.end = anchor.toEpochMilli() - 60_000L;
			this.liveFrom = anchor.toEpochMilli() + LIVE_AFTER_ANCHOR_MILLIS;
			this.until = untilMillis;
			this.time = channel.createdTime() + 60_000L;
			this.pending.add(new Planned("STREAM_RESERVE", this.rhythmic ? this.time : null));
		}

		@Override
		public boolean hasNext() {
			if (this.emitted < this.history) {
				return true;
			}
			if (this.lookahead == null) {
				this.lookahead = generate();
			}
			return this.lookahead.timestamp() <= this.until;
		}

		@Override
		public SimulatedEvent next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			if (this.lookahead != null) {
				SimulatedEvent event = this.lookahead;
				this.lookahead = null;
				return event;
			}
			return generate();
		}

		private SimulatedEvent generate() {
			if (this.pending.isEmpty()) {
				planSession();
			}
			Planned planned = this.pending.poll();
			String code = planned.code();
			if (this.emitted < this.history) {
				// the bound (rarely reached) keeps the history before the anchor with an instant of its own
				// for every event
				long remaining = this.history - this.emitted;
				long next = (planned.at() != null) ? Math.max(this.time + 1, planned.at())
						// gaps average 90% of the mean gap, so a history spans most of its window
						: this.time + 1 + this.random.nextLong(Math.max(1, this.meanGap * 18 / 10));
				this.time = Math.min(next, this.end - remaining);
			}
			else {
				// after the history the account lives on: events follow one another at the daily rate
				this.time = Math.max(this.time, this.liveFrom)
						+ 1 + this.random.nextLong(Math.max(1, this.liveMeanGap * 18 / 10));
			}
			this.emitted++;
			double mixed = this.oddities.nextDouble();
			double missing = this.oddities.nextDouble();
			double seconds = this.oddities.nextDouble();
			double bad = this.oddities.nextDouble();
			SimulatedEvent.TimestampForm form = (bad < this.properties.badEventShare())
					? SimulatedEvent.TimestampForm.BAD : (seconds < this.properties.secondsTimestampShare())
							? SimulatedEvent.TimestampForm.SECONDS : SimulatedEvent.TimestampForm.MILLIS;
			return new SimulatedEvent(this.channel.channelId(), code,
					(mixed < this.properties.mixedCaseShare()) ? mixedCase(code) : code, level(code),
					description(code, this.channel.channelId()), this.time,
					missing >= this.properties.missingChannelIdShare(), form);
		}

		private void planSession() {
			long remaining = this.history - this.emitted;
			boolean timed = this.rhythmic && remaining > 0;
			if (this.neverPublishes) {
				// created, configured now and then in office hours, never on air
				this.pending.add(new Planned("STREAM_UPDATE", timed ? officeHours(remaining) : null));
				return;
			}
			List<String> codes = sessionCodes();
			if (!timed) {
				codes.forEach((code) -> this.pending.add(new Planned(code, null)));
				return;
			}
			// the last session holds what is left of the history once too few days are left for another
			boolean last = codes.size() >= remaining || this.end - this.time < 3 * DAY;
			if (last) {
				codes = lastOfHistory(codes.contains("ONAIR_START"), (int) remaining);
			}
			// a session that is not the last leaves room for one more at least
			timeSession(codes, (int) remaining, last ? 1 : Math.max(2, remaining / EVENTS_PER_SESSION));
		}

		private List<String> sessionCodes() {
			List<String> codes = new ArrayList<>();
			boolean recording = this.random.nextDouble() < 0.6;
			codes.add("PUBLISH_START");
			maybe(codes, 0.3, "RTMP_MAIN_STREAM_ENABLED");
			maybe(codes, 0.1, "RTMP_BACKUP_STREAM_ENABLED");
			if (recording) {
				codes.add("ONAIR_START");
			}
			maybe(codes, 0.5, "THUMBNAIL_CREATE");
			maybe(codes, 0.1, "PUBLISH_OVER_THRESHOLD");
			maybe(codes, 0.1, "SIMULCAST_STATUS_CHANGE");
			if (this.random.nextDouble() < 0.05) {
				codes.add("BACKUP_SESSION_STREAMING_CONNECTED");
				codes.add("BACKUP_SESSION_STREAMING_DISCONNECTED");
			}
			if (recording) {
				codes.add("ONAIR_END");
			}
			codes.add("PUBLISH_END");
			maybe(codes, 0.2, "STREAM_UPDATE");
			maybe(codes, 0.05, "STREAM_FINISH");
			return codes;
		}

		private void maybe(List<String> codes, double probability, String code) {
			if (this.random.nextDouble() < probability) {
				codes.add(code);
			}
		}

		// the session the history ends in, with its {@code remaining} events: still on air when the channel
		// is publishing (its end comes on the clock), over when it is not
		private List<String> lastOfHistory(boolean recording, int remaining) {
			List<String> codes = new ArrayList<>();
			if ("PUBLISHING".equals(this.channel.status())) {
				codes.add("PUBLISH_START");
				if (recording && remaining > 1) {
					codes.add("ONAIR_START");
				}
				while (codes.size() < remaining) {
					codes.add("THUMBNAIL_CREATE");
				}
				if (codes.contains("ONAIR_START")) {
					codes.add("ONAIR_END");
				}
				codes.add("PUBLISH_END");
				return codes;
			}
			if (remaining == 1) {
				return List.of("STREAM_UPDATE");
			}
			boolean recorded = recording && remaining >= 4;
			codes.add("PUBLISH_START");
			if (recorded) {
				codes.add("ONAIR_START");
			}
			while (codes.size() < remaining - (recorded ? 2 : 1)) {
				codes.add("THUMBNAIL_CREATE");
			}
			if (recorded) {
				codes.add("ONAIR_END");
			}
			codes.add("PUBLISH_END");
			return codes;
		}

		// a session on an evening after idle days, as many as leave room for the sessions still to come; its
		// events in order between its start and its end, what follows its end within minutes
		private void timeSession(List<String> codes, int remaining, double slots) {
			long duration = 20 * MINUTE + (long) (340 * MINUTE * Math.pow(this.rhythm.nextDouble(), 2));
			long hour = (this.rhythm.nextDouble() < 0.85) ? 17 + this.rhythm.nextInt(6) : 11 + this.rhythm.nextInt(6);
			// a session may run past midnight: the next one is two days later at the earliest
			long startOfDay = nextDay(slots, 6 * 3_600_000L, 2 * DAY);
			long start = startOfDay + hour * 3_600_000L + this.rhythm.nextLong(3_600_000L);
			int endIndex = codes.indexOf("PUBLISH_END");
			int inHistory = Math.min(codes.size(), remaining);
			for (int i = 0; i < codes.size(); i++) {
				Long at = null;
				if (i < inHistory) {
					at = (i <= endIndex) ? start + duration * i / endIndex
							: start + duration + (i - endIndex) * (1 + this.rhythm.nextLong(10)) * MINUTE;
				}
				this.pending.add(new Planned(codes.get(i), at));
			}
		}

		private long officeHours(long remaining) {
			return nextDay(remaining, 0, DAY) + (10 + this.rhythm.nextInt(8)) * 3_600_000L
					+ this.rhythm.nextLong(3_600_000L);
		}

		// the start (midnight in the account's zone) of a day after the last event's, idle days between: on
		// average the rest of the window shared by the {@code slots} still to come (this one included), and
		// early enough that the day and {@code room} after it leave {@code reserve} to each slot after it
		private long nextDay(double slots, long room, long reserve) {
			ZonedDateTime last = Instant.ofEpochMilli(this.time).atZone(ACCOUNT_ZONE);
			double meanDays = (this.end - this.time) / Math.max(1.0, slots) / DAY;
			long days = Math.max(1, Math.round(meanDays * (0.5 + this.rhythm.nextDouble())));
			long latest = this.end - (long) Math.ceil(slots - 1) * reserve;
			ZonedDateTime day = last.toLocalDate().plusDays(days).atStartOfDay(ACCOUNT_ZONE);
			while (days > 1 && day.toInstant().toEpochMilli() + DAY + room > latest) {
				days--;
				day = last.toLocalDate().plusDays(days).atStartOfDay(ACCOUNT_ZONE);
			}
			return day.toInstant().toEpochMilli();
		}

		/** An event code to come, at its planned instant (null: at the rate of the history or of the clock). */
		private record Planned(String code, @Nullable Long at) {
		}

		private static String level(String code) {
			return switch (code) {
				case "PUBLISH_OVER_THRESHOLD", "BACKUP_SESSION_STREAMING_DISCONNECTED" -> "ERROR";
				default -> "INFO";
			};
		}

		private static String mixedCase(String code) {
			int underscore = code.indexOf('_');
			if (underscore < 0) {
				return code.charAt(0) + code.substring(1).toLowerCase();
			}
			String rest = code.substring(underscore + 1);
			return code.substring(0, underscore + 1) + rest.charAt(0) + rest.substring(1).toLowerCase();
		}

		private static String description(String code, String id) {
			return switch (code) {
				case "PUBLISH_START" -> "You have started publishing channel " + id + ".";
				case "PUBLISH_END" -> id + " channel publishing has ended.";
				case "ONAIR_START" -> id + " Channel recording has started.";
				case "ONAIR_END" -> id + " Channel recording has ended.";
				case "STREAM_RESERVE" -> "Channel " + id + " has been created.";
				case "STREAM_UPDATE" -> "Channel " + id + " settings have been updated.";
				case "STREAM_FINISH" -> "Channel " + id + " streaming has finished.";
				case "THUMBNAIL_CREATE" -> "A thumbnail of channel " + id + " has been created.";
				case "SIMULCAST_STATUS_CHANGE" -> "The re-stream status of channel " + id + " has changed.";
				case "PUBLISH_OVER_THRESHOLD" -> "The input bitrate of channel " + id + " exceeded the threshold.";
				case "RTMP_MAIN_STREAM_ENABLED" -> "The main stream of channel " + id + " is enabled.";
				case "RTMP_BACKUP_STREAM_ENABLED" -> "The backup stream of channel " + id + " is enabled.";
				case "BACKUP_SESSION_STREAMING_CONNECTED" -> "The backup session of channel " + id + " connected.";
				case "BACKUP_SESSION_STREAMING_DISCONNECTED" ->
					"The backup session of channel " + id + " disconnected.";
				default -> id + " " + code;
			};
		}

	}

}
