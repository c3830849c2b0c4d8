package dev.lsarchive.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Every Live Station endpoint the archive reads (and the callback registrations it makes), with its
 * method and path template: the one place that names them for the client that calls them, the labels of errors and quarantine rows that cite them, and
 * the simulator that answers them.
 */
public enum ApiPath {

	/** Listing of live channels (paged). */
	LIVE_CHANNELS("/api/v2/channels"),
	/** Listing of re-stream channels (paged). */
	RE_STREAM_CHANNELS("/api/v2/re-stream/channels"),
	/** Listing of VOD2LIVE channels (paged). */
	VOD2LIVE_CHANNELS("/api/v2/vod/channels"),
	/** One live channel. */
	CHANNEL("/api/v2/channels/{channelId}"),
	/** One re-stream channel, with its targets. */
	RE_STREAM_CHANNEL("/api/v2/re-stream/channels/{channelId}"),
	/** The recordings of a channel. */
	RECORDINGS("/api/v2/channels/{channelId}/records"),
	/** One recording of a channel. */
	RECORDING("/api/v2/channels/{channelId}/records/{recordId}"),
	/** The events of a channel under the channel's path (answered like {@link #EVENTS}). */
	CHANNEL_EVENTS("/api/v2/channels/{channelId}/events"),
	/** One snapshot's info (readable for one hour). */
	SNAPSHOT("/api/v2/channels/{channelId}/snapshot/{snapshotId}"),
	/** The event list: of one channel with {@code ?channelId=}, else of every channel. */
	EVENTS("/api/v2/events"),
	/** Registers the default callback endpoint, that every channel's events are pushed to: {@code {"callbackUrl": …}}. */
	CALLBACK_ENDPOINT("POST", "/api/v2/events/callbackEndpoint"),
	/** Registers a live channel's own callback endpoint: {@code {"callbackEndpoint": …}}. */
	CHANNEL_CALLBACK_ENDPOINT("POST", "/api/v2/channels/{channelId}/callbackEndpoint"),
	/** Registers a re-stream channel's own callback endpoint: {@code {"callbackEndpoint": …}}. */
	RE_STREAM_CHANNEL_CALLBACK_ENDPOINT("POST", "/api/v2/re-stream/channels/{channelId}/callbackEndpoint"),
	/** Registers a VOD2LIVE channel's own callback endpoint: {@code {"callbackEndpoint": …}}. */
	VOD2LIVE_CHANNEL_CALLBACK_ENDPOINT("POST", "/api/v2/vod/channels/{channelId}/callbackEndpoint");

	/** The body field of the default callback registration. */
	public static final String CALLBACK_URL = "callbackUrl";

	/** The body field of a channel's callback registration. */
	public static final String CALLBACK_ENDPOINT_FIELD = "callbackEndpoint";

	/** The query parameter that picks a channel's events. */
	public static final String CHANNEL_ID = "channelId";

	private final String method;

	private final String template;

	private final Pattern pattern;

	ApiPath(String template) {
		this("GET", template);
	}

	ApiPath(String method, String template) {
		this.method = method;
		this.template = template;
		this.pattern = Pattern.compile(Pattern.quote(template).replaceAll(Variable.REGEX, "\\\\E([^/]+)\\\\Q"));
	}

	/** The HTTP method of a request to it: {@code GET}, or {@code POST} for a registration. */
	public String method() {
		return this.method;
	}

	/** The path with its variables in braces, as {@code UriBuilder.path} takes it. */
	public String template() {
		return this.template;
	}

	/** The path with {@code values} in place of its variables, in order. */
	public String path(String... values) {
		Matcher variables = Variable.PATTERN.matcher(this.template);
		StringBuilder path = new StringBuilder();
		int next = 0;
		while (variables.find()) {
			if (next >= values.length) {
				throw new IllegalArgumentException(this.template + " needs " + (next + 1) + " values");
			}
			variables.appendReplacement(path, Matcher.quoteReplacement(values[next++]));
		}
		variables.appendTail(path);
		return path.toString();
	}

	/** How errors and quarantine rows name a request to it, e.g. {@code GET /api/v2/channels/ls-1/records}. */
	public String label(String... values) {
		return this.method + " " + path(values);
	}

	/** The label of an event list request: of {@code channelId}, or of every channel when null. */
	public static String eventsLabel(@Nullable String channelId) {
		return EVENTS.label() + ((channelId != null) ? "?" + CHANNEL_ID + "=" + channelId : "");
	}

	/** The values of the variables when {@code path} is one of this endpoint's paths, else null. */
	public @Nullable List<String> match(String path) {
		Matcher matcher = this.pattern.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		List<String> values = new ArrayList<>(matcher.groupCount());
		for (int group = 1; group <= matcher.groupCount(); group++) {
			values.add(matcher.group(group));
		}
		return values;
	}

	/** The listing of channels of {@code kind}. */
	public static ApiPath listing(ChannelKind kind) {
		return switch (kind) {
			case LIVE -> LIVE_CHANNELS;
			case RE_STREAM -> RE_STREAM_CHANNELS;
			case VOD2LIVE -> VOD2LIVE_CHANNELS;
		};
	}

	/** The registration of a channel's own callback endpoint, for a channel of {@code kind}. */
	public static ApiPath callbackEndpoint(ChannelKind kind) {
		return switch (kind) {
			case LIVE -> CHANNEL_CALLBACK_ENDPOINT;
			case RE_STREAM -> RE_STREAM_CHANNEL_CALLBACK_ENDPOINT;
			case VOD2LIVE -> VOD2LIVE_CHANNEL_CALLBACK_ENDPOINT;
		};
	}

	// a variable of a template, e.g. {channelId}; apart, since an enum's constructor cannot read its statics
	private static final class Variable {

		static final String REGEX = "\\{[^}]+}";

		static final Pattern PATTERN = Pattern.compile(REGEX);

	}

}
