package dev.lsarchive.simulator;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Sessions of publishing (and recording) in time order, cut at the channel's event count. A history
 * that leaves a day or more per session has the rhythm of a real account: a session of 20 minutes
 * to 6 hours, mostly in a {@link SimulatedDataset#ACCOUNT_ZONE} evening, then idle days; its last
 * session is still on air when the channel is publishing and over when it is not. A denser history
 * (a benchmark's large account) packs its sessions evenly over the window instead, as does the
 * account's life on its clock after the history ({@code events-per-day}).
 */
final class EventGenerator implements Iterator<SimulatedEvent> {

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

	// how each code reads for this channel, worded once: its events repeat a dozen codes, and the event
	// list renders the same instances from a cache of their bytes
	private final Map<String, Wording> wordings = new HashMap<>();

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

	/** The channel's events through {@code untilMillis}: its history before {@code anchor}, then its days after. */
	EventGenerator(SimulatedChannel channel, SimulatorProperties properties, Instant anchor, long untilMillis) {
		this.channel = channel;
		this.properties = properties;
		this.neverPublishes = neverPublishes(channel, properties);
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
		this.liveFrom = anchor.toEpochMilli() + SimulatedDataset.LIVE_AFTER_ANCHOR_MILLIS;
		this.until = untilMillis;
		this.time = channel.createdTime() + 60_000L;
		this.pending.add(new Planned("STREAM_RESERVE", this.rhythmic ? this.time : null));
	}

	/**
	 * Whether the channel never publishes: {@code never-publishing-share} of the channels not publishing
	 * now were created and configured, never on air (their events are settings updates only).
	 */
	static boolean neverPublishes(SimulatedChannel channel, SimulatorProperties properties) {
		return !"PUBLISHING".equals(channel.status())
				&& new SplittableRandom(properties.seed() * 2_750_159L + channel.index())
					.nextDouble() < properties.neverPublishingShare();
	}

	@Override
	public boolean hasNext() {
		return hasNextThrough(this.until);
	}

	/**
	 * Whether an event follows through {@code untilMillis} rather than the bound the generator was made
	 * with: every event of the history, then those of the clock that happened by then. A generator made
	 * with the bound {@link Long#MAX_VALUE} follows the clock as far as each caller asks, the same events.
	 */
	boolean hasNextThrough(long untilMillis) {
		if (this.emitted < this.history) {
			return true;
		}
		if (this.lookahead == null) {
			this.lookahead = generate();
		}
		return this.lookahead.timestamp() <= untilMillis;
	}

	@Override
	public SimulatedEvent next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return nextEvent();
	}

	/** The next event, once {@link #hasNextThrough} said there is one. */
	SimulatedEvent nextEvent() {
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
		Wording wording = wording(code);
		return new SimulatedEvent(this.channel.channelId(), code,
				(mixed < this.properties.mixedCaseShare()) ? wording.mixedCase() : code, wording.level(),
				wording.description(), this.time, missing >= this.properties.missingChannelIdShare(), form);
	}

	private Wording wording(String code) {
		Wording wording = this.wordings.get(code);
		if (wording == null) {
			wording = new Wording(EventWording.mixedCase(code), EventWording.level(code),
					EventWording.description(code, this.channel.channelId()));
			this.wordings.put(code, wording);
		}
		return wording;
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
		// room for the longest session from the start: a default list grows once or twice in every session
		List<String> codes = new ArrayList<>(16);
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
		ZonedDateTime last = Instant.ofEpochMilli(this.time).atZone(SimulatedDataset.ACCOUNT_ZONE);
		double meanDays = (this.end - this.time) / Math.max(1.0, slots) / DAY;
		long days = Math.max(1, Math.round(meanDays * (0.5 + this.rhythm.nextDouble())));
		long latest = this.end - (long) Math.ceil(slots - 1) * reserve;
		ZonedDateTime day = last.toLocalDate().plusDays(days).atStartOfDay(SimulatedDataset.ACCOUNT_ZONE);
		while (days > 1 && day.toInstant().toEpochMilli() + DAY + room > latest) {
			days--;
			day = last.toLocalDate().plusDays(days).atStartOfDay(SimulatedDataset.ACCOUNT_ZONE);
		}
		return day.toInstant().toEpochMilli();
	}

	/** How a code reads in the events of this channel. */
	private record Wording(String mixedCase, String level, String description) {
	}

	/** An event code to come, at its planned instant (null: at the rate of the history or of the clock). */
	private record Planned(String code, @Nullable Long at) {
	}

}
