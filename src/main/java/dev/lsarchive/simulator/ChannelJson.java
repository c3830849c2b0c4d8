package dev.lsarchive.simulator;

import java.util.List;

import tools.jackson.core.JsonGenerator;

/**
 * A channel as the listings and the channel info show it, with the documented inconsistencies: an
 * {@code instanceNo} sometimes a string, {@code useDVR} or {@code useDvr}, fields of its own for a
 * re-stream channel, and its targets in the re-stream channel info only; with the {@link ExtraFields}
 * of the settings in the channel, its objects and each target.
 */
final class ChannelJson {

	private static final List<String> CDN = List.of("cdn");

	private static final List<String> CDN_AND_SNAPSHOT = List.of("cdn", "snapshot");

	private final SimulatedDataset dataset;

	private final ExtraFields extra;

	ChannelJson(SimulatedDataset dataset, ExtraFields extra) {
		this.dataset = dataset;
		this.extra = extra;
	}

	/** Writes {@code c} as the account shows it at {@code now}; {@code info}: as the channel info, not a listing. */
	void write(JsonGenerator out, SimulatedChannel c, long now, boolean info) {
		out.writeStartObject();
		out.writeStringProperty("channelId", c.channelId());
		out.writeStringProperty("channelName", c.channelName());
		out.writeStringProperty("channelStatus", this.dataset.reportedStatusAt(c, now));
		// documented as integer on one page and as string on another: both are served
		if (c.index() % 4 == 1) {
			out.writeStringProperty("instanceNo", Integer.toString(100_000 + c.index()));
		}
		else {
			out.writeNumberProperty("instanceNo", 100_000 + c.index());
		}
		List<String> objects = List.of();
		if ("RE_STREAM".equals(c.kind())) {
			out.writeStringProperty("planType", (c.index() % 3 == 0) ? "PROFESSIONAL" : "STANDARD");
			out.writeNumberProperty("platformCount", c.targets().size());
			out.writeNumberProperty("totalPublishSeconds", (c.recentPublishStartTime() / 1000) % 500_000);
		}
		else {
			objects = liveFields(out, c, now);
		}
		out.writeStringProperty("publishUrl", "rtmp://sim-publish.example.com:8080/relay/" + c.streamKey());
		out.writeStringProperty("globalPublishUrl", "rtmp://sim-global.example.com/relay/" + c.streamKey());
		out.writeStringProperty("streamKey", c.streamKey());
		out.writeNumberProperty("recentPublishStartTime", c.recentPublishStartTime());
		out.writeNumberProperty("createdTime", c.createdTime());
		out.writeBooleanProperty("alertOn", false);
		if (info && "RE_STREAM".equals(c.kind())) {
			targets(out, c);
		}
		this.extra.write(out, "", objects);
		out.writeEndObject();
	}

	// the objects it writes: the extra fields inside them are written there
	private List<String> liveFields(JsonGenerator out, SimulatedChannel c, long now) {
		out.writeNumberProperty("qualitySetId", 1 + c.index() % 3);
		out.writeStringProperty("qualitySetName", switch (c.index() % 3) {
			case 0 -> "Full HD (1080p)";
			case 1 -> "HD (720p)";
			default -> "ABR 1080p-360p";
		});
		out.writeStringProperty("outputProtocol", "HLS");
		out.writeBooleanProperty("isRecording", c.recording());
		// the response docs spell it useDVR, the answers useDvr
		out.writeBooleanProperty((c.index() % 3 == 2) ? "useDVR" : "useDvr", c.index() % 2 == 0);
		out.writeBooleanProperty("immediateOnAir", true);
		out.writeNumberProperty("timemachineMin", 360);
		SimulatedSnapshot snapshot = this.dataset.snapshotAt(c, now);
		if (snapshot != null) {
			out.writeObjectPropertyStart("snapshot");
			out.writeNumberProperty("snapshotId", snapshot.snapshotId());
			this.extra.write(out, "snapshot", List.of());
			out.writeEndObject();
		}
		out.writeObjectPropertyStart("cdn");
		out.writeStringProperty("cdnType", "GLOBAL_EDGE");
		out.writeStringProperty("cdnDomain", "sim.edge.example.com");
		this.extra.write(out, "cdn", List.of());
		out.writeEndObject();
		return (snapshot != null) ? CDN_AND_SNAPSHOT : CDN;
	}

	private void targets(JsonGenerator out, SimulatedChannel c) {
		out.writeArrayPropertyStart("restream");
		for (SimulatedChannel.Target target : c.targets()) {
			out.writeStartObject();
			out.writeStringProperty("targetName", target.targetName());
			out.writeStringProperty("rtmpUrl", target.rtmpUrl());
			out.writeStringProperty("streamKey", target.streamKey());
			out.writeStringProperty("id", target.id());
			out.writeStringProperty("password", target.password());
			this.extra.write(out, "", List.of());
			out.writeEndObject();
		}
		out.writeEndArray();
	}

}
