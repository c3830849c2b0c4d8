package dev.lsarchive.callback;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.ChannelKind;
import dev.lsarchive.api.LiveStationApiException;
import dev.lsarchive.api.LiveStationAuthException;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.config.ExitCodes;

/**
 * {@code --archive.job=register-callback}: registers {@code archive.callback.url} with Live Station, as
 * the default endpoint of every channel or, with {@code archive.callback.channel}, as one channel's own
 * (its kind, looked up in the listings, picks the endpoint). The URL must be https, or http for a
 * loopback host (a simulator, a demo): its path carries the receiver's secret, which must not cross a
 * network in clear text, and which is never printed: the URL is shown without its last path segment
 * and query ({@code https://archive.example/callbacks/…}). Prints what it registered (exit 0); a
 * failure is one line: a setting or a refusal to fix (2), an outage to retry later (75).
 */
public final class CallbackRegistration {

	private static final String PREFIX = "livestation-archive: ";

	private static final int MAX_PORT = 65_535;

	private final LiveStationClient client;

	private final PrintStream out;

	private final PrintStream err;

	/** A registration through {@code client}, telling its outcome on {@code out} and its failure on {@code err}. */
	public CallbackRegistration(LiveStationClient client, PrintStream out, PrintStream err) {
		this.client = client;
		this.out = out;
		this.err = err;
	}

	/**
	 * Registers {@code text} ({@code archive.callback.url}) as the default endpoint of every channel or, with
	 * {@code channel} ({@code archive.callback.channel}), as that channel's own, printing the outcome; the exit code.
	 * With {@code token} ({@code archive.callback.token}, when this host has it), the URL must end with it.
	 */
	public int register(@Nullable String text, @Nullable String channel, @Nullable String token) {
		if (!CallbackProperties.hasUrl(text)) {
			return refused(CallbackProperties.URL_MISSING);
		}
		URI url;
		try {
			url = new URI(text.strip());
		}
		catch (URISyntaxException ex) {
			return refused("archive.callback.url is not a URL: write it as https://host/callbacks/<token>");
		}
		String problem = problem(url);
		if (problem != null) {
			return refused(problem);
		}
		if (token != null && !token.isBlank() && !MessageDigest.isEqual(lastSegment(url).getBytes(StandardCharsets.UTF_8),
				token.strip().getBytes(StandardCharsets.UTF_8))) {
			return refused("archive.callback.url does not end with archive.callback.token, the one token the receiver"
					+ " answers: every push would be refused (write it as https://host/callbacks/<archive.callback.token>)");
		}
		if (channel != null && channel.isBlank()) {
			// an unset variable in a script must not register the default of every channel
			return refused("archive.callback.channel is empty: name the channel, or leave the setting out to register"
					+ " the default endpoint of every channel");
		}
		String shown = redacted(url);
		try {
			if (channel == null) {
				this.client.registerCallback(null, null, url);
				this.out.println("Registered the callback endpoint " + shown
						+ " as the default of every channel (a channel's own endpoint wins over it)");
				return ExitCodes.COMPLETED;
			}
			Optional<ChannelKind> kind = this.client.channelKind(channel.strip());
			if (kind.isEmpty()) {
				return refused("channel " + channel.strip() + " is in no listing (live, re-stream, VOD2LIVE):"
						+ " check archive.callback.channel");
			}
			this.client.registerCallback(kind.get(), channel.strip(), url);
			this.out.println("Registered the callback endpoint " + shown + " for the "
					+ kind.get().name().toLowerCase(Locale.ROOT).replace('_', '-') + " channel " + channel.strip()
					+ " (it wins over the default endpoint)");
			return ExitCodes.COMPLETED;
		}
		catch (LiveStationAuthException ex) {
			return failed(ExitCodes.INVALID_CONFIGURATION,
					LiveStationAuthException.CREDENTIALS_REFUSED + ": " + ex.getMessage() + trace(ex), text);
		}
		catch (LiveStationApiException ex) {
			if (ex.isRetryable()) {
				return failed(ExitCodes.TRANSIENT_FAILURE, "Live Station did not answer the registration ("
						+ ex.getMessage() + trace(ex) + "); run it again later", text);
			}
			return failed(ExitCodes.INVALID_CONFIGURATION,
					"Live Station refused the registration: " + ex.getMessage() + trace(ex), text);
		}
	}

	/** What is wrong with {@code url} as a callback URL, or null; never the URL itself. */
	static @Nullable String problem(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			return "archive.callback.url is not an https URL with a host: write it as https://host/callbacks/<token>";
		}
		if (scheme.equals("http") && !loopback(url.getHost())) {
			return "archive.callback.url must be https: its path carries the receiver's secret token (http is"
					+ " accepted for a loopback host only, localhost, 127.0.0.1 or [::1]: a simulator or a demo)";
		}
		if (url.getPort() > MAX_PORT) {
			return "archive.callback.url has port " + url.getPort() + ", which no server listens on (1 to " + MAX_PORT
					+ ")";
		}
		if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
			return "archive.callback.url carries a user, a query or a fragment: the receiver takes its token as the"
					+ " last path segment only (https://host/callbacks/<token>)";
		}
		String path = url.getRawPath();
		if (path == null || path.replace("/", "").isEmpty()) {
			return "archive.callback.url has no path: it must end with the receiver's secret token"
					+ " (https://host/callbacks/<token>)";
		}
		// the receiver answers only its own token: a URL ending otherwise would have every push refused
		if (!CallbackProperties.isToken(lastSegment(url))) {
			return "archive.callback.url does not end with a token the receiver accepts: its last path segment must"
					+ " be archive.callback.token, " + CallbackProperties.TOKEN_MIN + " to "
					+ CallbackProperties.TOKEN_MAX + " letters, digits and . _ ~ - (https://host/callbacks/<token>,"
					+ " no slash after it)";
		}
		return null;
	}

	// where the receiver's token stands: the raw last path segment (an escaped character is no token's)
	private static String lastSegment(URI url) {
		String path = url.getRawPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** {@code url} without its last path segment, query, fragment and user info: what may be shown of it. */
	static String redacted(URI url) {
		String path = (url.getPath() != null) ? url.getPath() : "";
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String kept = trimmed.substring(0, Math.max(0, trimmed.lastIndexOf('/')));
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "") + kept
				+ "/…";
	}

	private static boolean loopback(String host) {
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (bare.equalsIgnoreCase("localhost")) {
			return true;
		}
		// a literal address only: a name is not resolved to decide whether it is safe
		if (!bare.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			return false;
		}
		try {
			return InetAddress.getByName(bare).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static String trace(LiveStationApiException ex) {
		return (ex.traceId() != null && !ex.getMessage().contains(ex.traceId())) ? " (trace id " + ex.traceId() + ")" : "";
	}

	private int refused(String line) {
		this.err.println(PREFIX + line + "; nothing was registered");
		return ExitCodes.INVALID_CONFIGURATION;
	}

	// an answer may quote what it was sent: the URL is replaced wherever it appears
	private int failed(int exitCode, String line, String url) {
		String safe = line.replace(url.strip(), "******").lines().findFirst().orElse("");
		this.err.println(PREFIX + safe);
		return exitCode;
	}

}
