package dev.lsarchive.simulator;

/**
 * The id Live Station gives an event (the pull API's events carry none; its callbacks do): a function of
 * the seed, the channel and the instant alone, so that a simulator restarted with the same seed (and
 * anchor) pushes and lists the same events under the same ids. A channel's events have instants of
 * their own, and the mixing is a bijection of the instant per channel: two events of one channel never
 * share an id; across channels ids are 63-bit draws.
 */
final class EventIdentity {

	private EventIdentity() {
	}

	/** The event's id: positive, at most 63 bits. */
	static long of(long seed, SimulatedEvent event) {
		long channel = mix(seed ^ 0x5DEECE66DL);
		String channelId = event.channelId();
		for (int i = 0; i < channelId.length(); i++) {
			channel = (channel ^ channelId.charAt(i)) * 0x100000001B3L;
		}
		long id = mix(mix(channel) ^ event.timestamp()) & Long.MAX_VALUE;
		return (id != 0) ? id : 1;
	}

	/** A draw in [0, 1) of {@code id} under {@code seed}: the same for the same event and seed, on every run. */
	static double draw(long id, long seed) {
		return (mix(id ^ mix(seed)) >>> 11) * 0x1.0p-53;
	}

	// SplitMix64's finalizer: a bijection of 64 bits
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
