package dev.lsarchive.simulator;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The callback endpoints registered with the simulated account: the default one, that every channel's
 * events go to, and channels' own, which win over it; each with the account's time it was registered
 * at (events from then on are pushed).
 */
final class CallbackEndpoints {

	private volatile @Nullable Registered defaultEndpoint;

	private final ConcurrentMap<String, Registered> channels = new ConcurrentHashMap<>();

	void registerDefault(URI url, Instant at) {
		this.defaultEndpoint = new Registered(url, at);
	}

	void register(String channelId, URI url, Instant at) {
		this.channels.put(channelId, new Registered(url, at));
	}

	/** The endpoint the channel's events go to: its own, else the default; null when neither is registered. */
	@Nullable Registered endpointFor(String channelId) {
		Registered own = this.channels.get(channelId);
		return (own != null) ? own : this.defaultEndpoint;
	}

	@Nullable URI defaultUrl() {
		Registered registered = this.defaultEndpoint;
		return (registered != null) ? registered.url() : null;
	}

	Map<String, URI> channelUrls() {
		Map<String, URI> urls = new java.util.TreeMap<>();
		this.channels.forEach((channelId, registered) -> urls.put(channelId, registered.url()));
		return urls;
	}

	/**
	 * An endpoint and when it was registered, by the account's clock.
	 *
	 * @param url where events are posted
	 * @param at the account's time of the registration
	 */
	record Registered(URI url, Instant at) {

		// the URL carries the receiver's secret: it never reaches a log line
		@Override
		public String toString() {
			return "Registered[" + CallbackEndpoints.redacted(this.url) + ", " + this.at + "]";
		}

	}

	/** The URL without its path, query or user info: what may be printed of a callback URL. */
	static String redacted(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "") + "/…";
	}

}
