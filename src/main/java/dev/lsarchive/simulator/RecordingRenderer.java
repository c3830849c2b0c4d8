package dev.lsarchive.simulator;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;

/** A channel's records list (an object keyed by record id, not an array), or one recording of it. */
final class RecordingRenderer {

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final ExtraFields extra;

	RecordingRenderer(SimulatedDataset dataset, AccountClock clock, ExtraFields extra) {
		this.dataset = dataset;
		this.clock = clock;
		this.extra = extra;
	}

	/** Answers the recordings of {@code channelId}, or only {@code recordId} when not null. */
	void render(SimulatorExchange exchange, String channelId, @Nullable String recordId) throws IOException {
		long now = this.clock.now().toEpochMilli();
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, now);
		if (channel.isEmpty()) {
			exchange.liveStationError(404, 250004, "NOT_FOUND", "channel not found");
			return;
		}
		List<SimulatedRecording> recordings = this.dataset.recordingsAt(channel.get(), now);
		if (recordId != null) {
			Optional<SimulatedRecording> one = recordings.stream()
				.filter((r) -> r.recordId().equals(recordId))
				.findFirst();
			if (one.isEmpty()) {
				exchange.liveStationError(404, 250004, "NOT_FOUND", "record not found");
				return;
			}
			exchange.respondJson((out) -> {
				out.writeStartObject();
				out.writeName("content");
				write(out, one.get(), now);
				out.writeEndObject();
			});
			return;
		}
		exchange.respondJson((out) -> {
			out.writeStartObject();
			out.writeObjectPropertyStart("content");
			out.writeObjectPropertyStart("recordList");
			for (SimulatedRecording recording : recordings) {
				out.writeName(recording.recordId());
				write(out, recording, now);
			}
			out.writeEndObject();
			out.writeEndObject();
			out.writeEndObject();
		});
	}

	private void write(JsonGenerator out, SimulatedRecording r, long now) {
		out.writeStartObject();
		out.writeStringProperty("recordId", r.recordId());
		out.writeStringProperty("channelId", r.channelId());
		out.writeStringProperty("recordType", r.recordType());
		out.writeStringProperty("status", r.statusAt(now));
		out.writeNumberProperty("recordSeq", r.recordSeq());
		out.writeNumberProperty("streamSeq", r.recordSeq());
		out.writeNumberProperty("recordBeginTime", r.beginTime());
		out.writeNumberProperty("createdTime", r.beginTime() + 1_000);
		if (r.shouldDeleteTime() != null) {
			out.writeNumberProperty("shouldDeleteTime", r.shouldDeleteTime());
		}
		out.writeNumberProperty("duration", r.durationSeconds(now));
		out.writeStringProperty("resolution", "1920x1080");
		out.writeStringProperty("fileName", r.fileName());
		out.writeNumberProperty("videoBitrate", 4000);
		out.writeNumberProperty("videoFrameRate", 30);
		out.writeNumberProperty("audioBitrate", 128);
		out.writeStringProperty("audioCodec", "AAC");
		out.writeStringProperty("uploadPath", "/livestation/" + r.channelId() + "/");
		out.writeStringProperty("objectStorageUrl", r.objectStorageUrlAt(now));
		this.extra.write(out, "", List.of());
		out.writeEndObject();
	}

}
