package dev.lsarchive.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The account's channels over time: those of the history in listing order, those drift puts at the
 * head of a listing, those created on the account's clock, and the status of each at an instant.
 */
final class ChannelLifecycle {

	private static final long DAY = 86_400_000L;

	// indexes of channels created on the clock, apart from those of the history and of drift
	private static final int CREATED_INDEX_BASE = 10_000_000;

	private final SimulatorProperties properties;

	private final ChannelGenerator generator;

	private final long historyStart;

	private final long liveFrom;

	private final List<SimulatedChannel> channels = new CopyOnWriteArrayList<>();

	// the first channel of the list with each id: every request names its channel, a thousand of them
	private final ConcurrentMap<String, SimulatedChannel> byId = new ConcurrentHashMap<>();

	private final AtomicInteger generated = new AtomicInteger();

	private final ConcurrentMap<Integer, SimulatedChannel> created = new ConcurrentHashMap<>();

	ChannelLifecycle(SimulatorProperties properties, Instant anchor, Instant liveFrom) {
		this.properties = properties;
		this.generator = new ChannelGenerator(properties, anchor);
		this.historyStart = anchor.minus(90, ChronoUnit.DAYS).toEpochMilli();
		this.liveFrom = liveFrom.toEpochMilli();
		for (int i = 0; i < properties.channels(); i++) {
			SimulatedChannel channel = newChannel(null);
			this.channels.add(channel);
			this.byId.putIfAbsent(channel.channelId(), channel);
		}
	}

	List<SimulatedChannel> channels() {
		return List.copyOf(this.channels);
	}

	Optional<SimulatedChannel> channel(String channelId) {
		return Optional.ofNullable(this.byId.get(channelId));
	}

	List<SimulatedChannel> channels(String kind) {
		return this.channels.stream().filter((c) -> c.kind().equals(kind)).toList();
	}

	synchronized SimulatedChannel createChannelAtHead(String kind) {
		SimulatedChannel channel = newChannel(kind);
		this.channels.add(0, channel);
		this.byId.put(channel.channelId(), channel);
		return channel;
	}

	List<SimulatedChannel> channelsAt(long nowMillis) {
		List<SimulatedChannel> existing = new ArrayList<>();
		for (SimulatedChannel channel : this.channels) {
			if (listedAt(channel, nowMillis)) {
				existing.add(channel);
			}
		}
		int perDay = this.properties.newChannelsPerDay();
		if (perDay > 0 && nowMillis > this.liveFrom) {
			long interval = DAY / perDay;
			long count = (nowMillis - this.liveFrom) / interval;
			for (int k = 0; k < count; k++) {
				existing.add(createdChannel(k, this.liveFrom + (k + 1) * interval));
			}
		}
		return existing;
	}

	List<SimulatedChannel> channels(String kind, long nowMillis) {
		return channelsAt(nowMillis).stream().filter((c) -> c.kind().equals(kind)).toList();
	}

	Optional<SimulatedChannel> channel(String channelId, long nowMillis) {
		// asked once per request: the channels of the history first, without building the whole list
		Optional<SimulatedChannel> listed = channel(channelId);
		if (listed.isPresent()) {
			return listed.filter((c) -> listedAt(c, nowMillis));
		}
		return channelsAt(nowMillis).stream()
			.filter((c) -> c.index() >= CREATED_INDEX_BASE && c.channelId().equals(channelId))
			.findFirst();
	}

	String reportedStatusAt(SimulatedChannel channel, long nowMillis) {
		String status = statusAt(channel, nowMillis);
		return status.equals(channel.status()) ? channel.reportedStatus() : status;
	}

	String statusAt(SimulatedChannel channel, long nowMillis) {
		Long deleted = deletedAt(channel);
		if (deleted != null && nowMillis >= deleted) {
			return "DELETED";
		}
		long day = Math.floorDiv(nowMillis - this.liveFrom, DAY);
		if (day >= 1 && channel.index() % 6 == 1) {
			return (day % 2 == 1) ? "PUBLISHING" : "READY";
		}
		return channel.status();
	}

	private @Nullable Long deletedAt(SimulatedChannel channel) {
		if (channel.index() % 9 != 8 || channel.index() >= CREATED_INDEX_BASE || "DELETED".equals(channel.status())) {
			return null;
		}
		return this.liveFrom + (1 + channel.index() % 3) * DAY;
	}

	private boolean listedAt(SimulatedChannel channel, long nowMillis) {
		Long deleted = deletedAt(channel);
		return deleted == null || nowMillis < deleted + DAY;
	}

	private SimulatedChannel createdChannel(int k, long createdMillis) {
		SimulatedChannel known = this.created.get(k);
		if (known != null) {
			return known;
		}
		SimulatedChannel channel = this.generator.channel(CREATED_INDEX_BASE + k, createdMillis, null);
		SimulatedChannel raced = this.created.putIfAbsent(k, channel);
		return (raced != null) ? raced : channel;
	}

	// a channel of the history, or one drift creates: five seconds after the one before it, from 90 days before
	private SimulatedChannel newChannel(@Nullable String kindOverride) {
		int index = this.generated.getAndIncrement();
		return this.generator.channel(index, this.historyStart + index * 5_000L, kindOverride);
	}

}
