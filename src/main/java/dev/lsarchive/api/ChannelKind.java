package dev.lsarchive.api;

/** The three kinds of Live Station channel, each listed by an endpoint of its own. */
public enum ChannelKind {

	/** Live channels: {@code GET /api/v2/channels}. */
	LIVE("/api/v2/channels"),
	/** Re-stream (simulcast) channels: {@code GET /api/v2/re-stream/channels}. */
	RE_STREAM("/api/v2/re-stream/channels"),
	/** VOD2LIVE channels (a VOD played as a live channel): {@code GET /api/v2/vod/channels}. */
	VOD2LIVE("/api/v2/vod/channels");

	private final String listPath;

	ChannelKind(String listPath) {
		this.listPath = listPath;
	}

	/** The path of the paged listing of this kind. */
	public String listPath() {
		return this.listPath;
	}

}
