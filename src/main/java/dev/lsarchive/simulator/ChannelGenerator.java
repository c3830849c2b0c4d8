package dev.lsarchive.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Makes one channel from its index: the seed and the index alone decide every field, so a channel
 * is the same whenever and however often it is made.
 */
final class ChannelGenerator {

	// PUBLISHING and READY dominate a real account
	private static final List<String> STATUS_MIX = List.of("PUBLISHING", "READY", "PUBLISHING", "READY", "READY",
			"CREATING", "DELETED", "BLOCK", "FORCE_BLOCK", "FORCE_DELETED", "STOPPED", "PUBLISHING");

	// a re-stream channel relays or waits; a VOD2LIVE channel is mostly scheduled
	private static final List<String> RESTREAM_STATUSES = List.of("PUBLISHING", "READY", "STOPPED", "PUBLISHING");

	private static final List<String> VOD_STATUSES = List.of("RESERVED", "PUBLISHING", "READY", "RESERVED");

	private static final List<String> PLATFORMS = List.of("YOUTUBE", "CHZZK", "TWITCH", "CUSTOM");

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(ZoneOffset.UTC);

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final SimulatorProperties properties;

	private final long anchorMillis;

	ChannelGenerator(SimulatorProperties properties, Instant anchor) {
		this.properties = properties;
		this.anchorMillis = anchor.toEpochMilli();
	}

	/** The channel number {@code index}, created at {@code created}; its kind follows the index unless overridden. */
	SimulatedChannel channel(int index, long created, @Nullable String kindOverride) {
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
		long snapshotCreated = this.anchorMillis - random.nextLong(1, 48 * 3_600_000L);
		long recentPublish = this.anchorMillis - random.nextLong(60_000L, 30 * 86_400_000L);
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

}
