package dev.lsarchive.api;

/** The three kinds of Live Station channel, each listed by an endpoint of its own. */
public enum ChannelKind {

	/** Live channels: {@link ApiPath#LIVE_CHANNELS}. */
	LIVE,
	/** Re-stream (simulcast) channels: {@link ApiPath#RE_STREAM_CHANNELS}. */
	RE_STREAM,
	/** VOD2LIVE channels (a VOD played as a live channel): {@link ApiPath#VOD2LIVE_CHANNELS}. */
	VOD2LIVE;

	/** The path of the paged listing of this kind. */
	public String listPath() {
		return ApiPath.listing(this).template();
	}

}
