package dev.lsarchive.api;

import java.net.URI;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A re-stream target of a re-stream channel, as its channel info shows it, without its secrets:
 * the target's stream key, RTMP id and password are never read into it, and credentials or a query
 * string in its URL are cut off.
 *
 * @param targetName platform ({@code YOUTUBE}, {@code CHZZK}, …, {@code CUSTOM})
 * @param rtmpUrl where the stream is relayed, without user information or query
 * @param payload the whole target object as JSON, without its secrets
 * @param fields the paths of the fields of {@code payload}, the target's own ({@code targetName}; see
 * {@link FieldPaths}), read once; empty for a target built by hand
 */
public record RestreamTarget(@Nullable String targetName, @Nullable String rtmpUrl, String payload,
		Set<String> fields) {

	/** A target built by hand, with no payload of its own. */
	public RestreamTarget(@Nullable String targetName, @Nullable String rtmpUrl) {
		this(targetName, rtmpUrl, "{}", Set.of());
	}

	/** The target {@code node} of a channel info's {@code restream[]}, already redacted. */
	static RestreamTarget from(JsonNode node) {
		return new RestreamTarget(JsonText.field(node, "targetName"), withoutCredentials(JsonText.field(node, "rtmpUrl")),
				node.toString(), FieldPaths.of(node));
	}

	/** The URL without {@code user:password@} and without a query string, where either could carry a key. */
	static @Nullable String withoutCredentials(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = URI.create(url.trim());
			if (uri.getScheme() == null || uri.getRawAuthority() == null) {
				return "(unparseable URL withheld)";
			}
			String host = uri.getHost();
			if (host == null) {
				return "(unparseable URL withheld)";
			}
			String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
			return uri.getScheme() + "://" + host + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "") + path;
		}
		catch (IllegalArgumentException ex) {
			// what cannot be parsed cannot be cleaned: it is not kept
			return "(unparseable URL withheld)";
		}
	}

}
