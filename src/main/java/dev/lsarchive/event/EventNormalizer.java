package dev.lsarchive.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.EventDto;
import dev.lsarchive.normalize.EpochTime;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.normalize.StorableText;

/**
 * Turns a received event into an {@link EventRow}: upper-cases code and level, reads the timestamp
 * (scaling seconds), finds the channel (own id, else the requested one, else the id in the
 * description) and derives the event's key from its content.
 */
class EventNormalizer implements ItemProcessor<EventDto, Outcome<EventRow>> {

	private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available in this JVM", ex);
		}
	});

	private static final Pattern CHANNEL_IN_TEXT = Pattern.compile("ls-\\d{14}-[A-Za-z0-9]+");

	private final EpochTime epochTime;

	EventNormalizer(Clock clock) {
		this.epochTime = new EpochTime(clock);
	}

	@Override
	public Outcome<EventRow> process(EventDto event) {
		StorableText.Fields text = new StorableText.Fields();
		String description = text.text("description", event.description());
		String ownChannelId = text.identifier("channelId", event.channelId());
		String eventCode = text.identifier("eventCode", event.eventCode());
		String logLevel = text.identifier("logLevel", event.logLevel());
		String channelId;
		String source;
		if (notBlank(ownChannelId)) {
			channelId = ownChannelId.trim();
			source = "event";
		}
		else if (notBlank(event.requestedChannelId())) {
			channelId = event.requestedChannelId().trim();
			source = "request";
		}
		else {
			channelId = channelInText(description);
			source = "description";
		}
		if (channelId == null) {
			return reject(event, null, "no channel: no channelId, no requested channel, no ls- id in the description");
		}
		if (text.problem() != null) {
			return reject(event, channelId, text.problem());
		}
		if (!notBlank(eventCode)) {
			return reject(event, channelId, "missing eventCode");
		}
		EpochTime.Parsed time = this.epochTime.parse(event.timestamp(), "timestamp");
		if (!time.valid()) {
			return reject(event, channelId, time.error());
		}
		String code = eventCode.trim().toUpperCase(Locale.ROOT);
		String level = notBlank(logLevel) ? logLevel.trim().toUpperCase(Locale.ROOT) : null;
		long millis = time.instant().toEpochMilli();
		return Outcome.archive(new EventRow(key(channelId, code, level, description, millis), channelId, code, level,
				description, millis, time.scaled(), source, event.requestedChannelId(), StorableText.json(event.extra()),
				event.fields()));
	}

	/** The event's identity: the same event read twice, in any case or from any endpoint, has one key. */
	static UUID key(String channelId, String code, @Nullable String level, @Nullable String description,
			long millis) {
		// UUID.nameUUIDFromBytes of "channel NUL code NUL level NUL description NUL millis", without building
		// that string or looking up a new MD5 implementation for each of a million events
		MessageDigest md5 = MD5.get();
		md5.update(channelId.getBytes(StandardCharsets.UTF_8));
		md5.update((byte) 0);
		md5.update(code.getBytes(StandardCharsets.UTF_8));
		md5.update((byte) 0);
		if (level != null) {
			md5.update(level.getBytes(StandardCharsets.UTF_8));
		}
		md5.update((byte) 0);
		if (description != null) {
			md5.update(description.getBytes(StandardCharsets.UTF_8));
		}
		md5.update((byte) 0);
		md5.update(Long.toString(millis).getBytes(StandardCharsets.US_ASCII));
		byte[] hash = md5.digest();
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (hash[i] & 0xff);
			low = (low << 8) | (hash[i + 8] & 0xff);
		}
		return new UUID(high, low);
	}

	/**
	 * The identity of an event archived from its callback alone ({@code event_source = callback}): a
	 * name-based UUID of its event id, which no pulled event's content can give (those hash five fields,
	 * this the word {@code callback} and the id).
	 */
	static UUID callbackKey(long eventId) {
		return UUID.nameUUIDFromBytes(("callback\u0000" + eventId).getBytes(StandardCharsets.US_ASCII));
	}

	private static @Nullable String channelInText(@Nullable String description) {
		if (description == null) {
			return null;
		}
		Matcher matcher = CHANNEL_IN_TEXT.matcher(description);
		return matcher.find() ? matcher.group() : null;
	}

	/** The request a quarantined event is recorded under: the list of {@code requestedChannelId}, or of all channels. */
	static String endpoint(@Nullable String requestedChannelId) {
		return ApiPath.eventsLabel(requestedChannelId);
	}

	private static Outcome<EventRow> reject(EventDto event, @Nullable String channelId, String reason) {
		return Outcome.quarantine(new QuarantineRecord("event", endpoint(event.requestedChannelId()), channelId, reason,
				event.payload().json(), event.requestedChannelId()));
	}

	private static boolean notBlank(@Nullable String text) {
		return text != null && !text.isBlank();
	}

}
