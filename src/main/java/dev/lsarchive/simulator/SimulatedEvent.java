package dev.lsarchive.simulator;

/**
 * An event of the simulated account, with how the API will render it.
 *
 * @param channelId the channel the event belongs to
 * @param eventCode the canonical (upper-case) code
 * @param reportedEventCode the code as sent (mixed case for some events)
 * @param logLevel {@code INFO} or {@code ERROR}
 * @param description the description, naming the channel like the real ones
 * @param timestamp the true instant, epoch milliseconds
 * @param withChannelId whether the event carries its own {@code channelId}
 * @param form how the timestamp is sent
 */
public record SimulatedEvent(String channelId, String eventCode, String reportedEventCode, String logLevel,
		String description, long timestamp, boolean withChannelId, TimestampForm form) {

	/** How a timestamp travels. */
	public enum TimestampForm {

		/** Epoch milliseconds, as documented. */
		MILLIS,
		/** Epoch seconds: usable once scaled. */
		SECONDS,
		/** Missing, text, negative, before 2000 or far in the future: unusable. */
		BAD

	}

}
