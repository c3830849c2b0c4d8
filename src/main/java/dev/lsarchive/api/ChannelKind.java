package dev.lsarchive.api;

/** The three kinds of Live Station channel, each listed by an endpoint of its own. */
public enum ChannelKind {

	/** Live channels: {@code GET /api/v2/channels}. */
	LIVE,
	/** Re-stream (simulcast) channels: {@code GET /api/v2/re-stream/channels}. */
	RE_STREAM,
	/** VOD2LIVE channels (a VOD played as a live channel): {@code GET /api/v2/vod/channels}. */
	VOD2LIVE;

	/** The path of the paged listing of this kind. */
	public String listPath() {
		return ApiPath.listing(this).template();
	}

}
