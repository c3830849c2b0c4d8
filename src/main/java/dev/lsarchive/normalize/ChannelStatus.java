package dev.lsarchive.normalize;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Normalizes a channel status: trimmed, upper-cased, legacy {@code PUBLISH} read as
 * {@code PUBLISHING}, anything unknown kept as {@code UNKNOWN}.
 *
 * @param value the normalized status
 * @param raw the status as received
 */
public record ChannelStatus(String value, @Nullable String raw) {

	/** Status of a value that is not documented. */
	public static final String UNKNOWN = "UNKNOWN";

	private static final Set<String> KNOWN = Set.of("CREATING", "READY", "PUBLISHING", "DELETED", "BLOCK",
			"FORCE_BLOCK", "FORCE_DELETED", "RESERVED", "STOPPED");

	/** Normalizes {@code raw}. */
	public static ChannelStatus of(@Nullable String raw) {
		if (raw == null) {
			return new ChannelStatus(UNKNOWN, null);
		}
		String value = raw.trim().toUpperCase(Locale.ROOT);
		if ("PUBLISH".equals(value)) {
			value = "PUBLISHING";
		}
		return new ChannelStatus(KNOWN.contains(value) ? value : UNKNOWN, raw);
	}

	/** Whether the received value was recognised. */
	public boolean known() {
		return !UNKNOWN.equals(this.value);
	}

}
