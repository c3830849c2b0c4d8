package dev.lsarchive.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * A channel as the listings and the channel info show it, with the documented inconsistencies: an
 * {@code instanceNo} sometimes a string, {@code useDVR} or {@code useDvr}, fields of its own for a
 * re-stream channel, and its targets in the re-stream channel info only.
 */
final class ChannelJson {

	private final SimulatedDataset dataset;

	ChannelJson(SimulatedDataset dataset) {
		this.dataset = dataset;
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
		if ("RE_STREAM".equals(c.kind())) {
			out.writeStringProperty("planType", (c.index() % 3 == 0) ? "PROFESSIONAL" : "STANDARD");
			out.writeNumberProperty("platformCount", c.targets().size());
			out.writeNumberProperty("totalPublishSeconds", (c.recentPublishStartTime() / 1000) % 500_000);
		}
		else {
			liveFields(out, c, now);
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
		out.writeEndObject();
	}

	private void liveFields(JsonGenerator out, SimulatedChannel c, long now) {
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
			out.writeEndObject();
		}
		out.writeObjectPropertyStart("cdn");
		out.writeStringProperty("cdnType", "GLOBAL_EDGE");
		out.writeStringProperty("cdnDomain", "sim.edge.example.com");
		out.writeEndObject();
	}

	private static void targets(JsonGenerator out, SimulatedChannel c) {
		out.writeArrayPropertyStart("restream");
		for (SimulatedChannel.Target target : c.targets()) {
			out.writeStartObject();
			out.writeStringProperty("targetName", target.targetName());
			out.writeStringProperty("rtmpUrl", target.rtmpUrl());
			out.writeStringProperty("streamKey", target.streamKey());
			out.writeStringProperty("id", target.id());
			out.writeStringProperty("password", target.password());
			out.writeEndObject();
		}
		out.writeEndArray();
	}

}
