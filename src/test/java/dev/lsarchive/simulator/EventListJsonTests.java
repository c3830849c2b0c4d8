package dev.lsarchive.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class EventListJsonTests {

	@Test
	void rendersEveryEventOfTheDataSetAsTheApiSendsIt() throws Exception {
		// given: events with and without channelId, in seconds, mixed case and unusable timestamps
		SimulatedDataset dataset = new SimulatedDataset(SimulatorProperties.of(3, 200).withOddities(0.1, 0.1),
				Instant.parse("2026-11-01T00:00:00Z"));
		List<SimulatedEvent> expected = new ArrayList<>();
		for (SimulatedChannel channel : dataset.channels()) {
			dataset.events(channel).forEachRemaining(expected::add);
		}

		// when
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		EventListJson.write(body, dataset, dataset.channels(), Long.MIN_VALUE, dataset.anchor().toEpochMilli(), 0,
				ExtraFields.NONE);

		// then
		JsonNode json = JsonMapper.builder().build().readTree(body.toByteArray());
		assertThat(json.get("total").asLong()).isEqualTo(600);
		assertThat(json.get("content").size()).isEqualTo(expected.size());
		Iterator<JsonNode> rendered = json.get("content").iterator();
		for (SimulatedEvent event : expected) {
			JsonNode node = rendered.next();
			assertThat(node.has("channelId")).isEqualTo(event.withChannelId());
			assertThat(node.get("eventCode").asString()).isEqualTo(event.reportedEventCode());
			assertThat(node.get("logLevel").asString()).isEqualTo(event.logLevel());
			assertThat(node.get("description").asString()).isEqualTo(event.description());
			switch (event.form()) {
				case MILLIS -> assertThat(node.get("timestamp").asLong()).isEqualTo(event.timestamp());
				case SECONDS -> assertThat(node.get("timestamp").asLong()).isEqualTo(event.timestamp() / 1000);
				case BAD -> assertThat(node.path("timestamp").asString("")).isNotEqualTo(Long.toString(event.timestamp()));
			}
		}
		assertThat(expected).extracting(SimulatedEvent::form).contains(SimulatedEvent.TimestampForm.values());
	}

	@Test
	void everyEventCarriesTheExtraFieldsAfterItsOwn() throws Exception {
		// given
		SimulatedDataset dataset = new SimulatedDataset(SimulatorProperties.of(2, 50).withOddities(0.1, 0.1),
				Instant.parse("2026-11-01T00:00:00Z"));
		long now = dataset.anchor().toEpochMilli();
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		EventListJson.write(plain, dataset, dataset.channels(), Long.MIN_VALUE, now, 0, ExtraFields.NONE);

		// when
		ByteArrayOutputStream extended = new ByteArrayOutputStream();
		EventListJson.write(extended, dataset, dataset.channels(), Long.MIN_VALUE, now, 0,
				ExtraFields.of(List.of("futureFlag", "cdn.edgeRegion")));

		// then: each event is the event without the setting, and the two fields
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode without = mapper.readTree(plain.toByteArray()).get("content");
		JsonNode with = mapper.readTree(extended.toByteArray()).get("content");
		assertThat(with.size()).isEqualTo(without.size()).isEqualTo(100);
		for (int i = 0; i < with.size(); i++) {
			ObjectNode event = (ObjectNode) with.get(i).deepCopy();
			assertThat(event.remove("futureFlag").asString()).isEqualTo("simulated futureFlag");
			assertThat(event.remove("cdn").toString()).isEqualTo("{\"edgeRegion\":\"simulated cdn.edgeRegion\"}");
			assertThat(event).isEqualTo(without.get(i));
		}
	}

	@Test
	void rendersTheSameBytesAsEncodingEveryFieldOfEveryEventOnItsOwn() throws Exception {
		// given: every oddity, events of the history and of the clock after it, and a channel whose id
		// needs escaping (quotes, a backslash, control characters) and is not ASCII
		SimulatorProperties properties = SimulatorProperties.of(4, 300)
			.withOddities(0.1, 0.2)
			.toBuilder()
			.eventsPerDay(40)
			.build();
		SimulatedDataset dataset = new SimulatedDataset(properties, Instant.parse("2026-11-01T00:00:00Z"));
		List<SimulatedChannel> channels = new ArrayList<>(dataset.channelsAt(dataset.liveFrom().toEpochMilli()));
		SimulatedChannel model = channels.get(1);
		channels.add(new SimulatedChannel(model.index() + 100, model.kind(), "ls-\"odd\"\\id\u0001\n\u001f-채널-\uD83D\uDE00",
				model.channelName(), model.status(), model.reportedStatus(), model.createdTime(), model.recentPublishStartTime(),
				model.recording(), model.snapshotId(), model.snapshotCreatedTime(), model.snapshotDuration(), model.streamKey(),
				model.targets()));
		long now = dataset.liveFrom().plus(Duration.ofDays(3)).toEpochMilli();
		List<SimulatedEvent> shown = new ArrayList<>();
		for (SimulatedChannel channel : channels) {
			dataset.events(channel, now).forEachRemaining(shown::add);
		}
		assertThat(shown).extracting(SimulatedEvent::timestamp).anyMatch((at) -> at > dataset.liveFrom().toEpochMilli());
		assertThat(shown).extracting(SimulatedEvent::form).contains(SimulatedEvent.TimestampForm.values());
		assertThat(shown).filteredOn((e) -> e.form() == SimulatedEvent.TimestampForm.BAD)
			.extracting((e) -> e.timestamp() % 4)
			.contains(0L, 1L, 2L, 3L);
		assertThat(shown).anyMatch((e) -> !e.withChannelId()).anyMatch((e) -> !e.reportedEventCode().equals(e.eventCode()));

		for (ExtraFields extra : List.of(ExtraFields.NONE, ExtraFields.of(List.of("futureFlag", "cdn.edgeRegion")))) {
			for (long from : new long[] { Long.MIN_VALUE, now - Duration.ofDays(20).toMillis() }) {
				for (int cap : new int[] { 0, 70 }) {
					// when
					ByteArrayOutputStream body = new ByteArrayOutputStream();
					EventListJson.write(body, dataset, channels, from, now, cap, extra);

					ByteArrayOutputStream odd = new ByteArrayOutputStream();
					EventListJson.write(odd, dataset, List.of(channels.get(4)), from, now, cap, extra);

					// then: byte for byte, the list of every channel and that of the odd one
					byte[] expected = PlainRendering.of(dataset, channels, from, now, cap, extra);
					assertThat(new String(body.toByteArray(), StandardCharsets.UTF_8))
						.isEqualTo(new String(expected, StandardCharsets.UTF_8));
					assertThat(body.toByteArray()).isEqualTo(expected);
					assertThat(odd.toByteArray())
						.isEqualTo(PlainRendering.of(dataset, List.of(channels.get(4)), from, now, cap, extra));
				}
			}
		}
	}

	/** An event list rendered field by field: each string encoded and escaped, each number printed, per event. */
	private static final class PlainRendering {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		static byte[] of(SimulatedDataset dataset, List<SimulatedChannel> channels, long fromMillis, long nowMillis,
				int cap, ExtraFields extra) {
			PlainRendering json = new PlainRendering();
			long total = 0;
			json.raw("{\"content\":[");
			boolean first = true;
			for (SimulatedChannel channel : channels) {
				long shown = 0;
				for (Iterator<SimulatedEvent> events = dataset.events(channel, nowMillis); events.hasNext();) {
					if (events.next().timestamp() > fromMillis) {
						shown++;
					}
				}
				long skip = (cap > 0) ? Math.max(0, shown - cap) : 0;
				for (Iterator<SimulatedEvent> events = dataset.events(channel, nowMillis); events.hasNext();) {
					SimulatedEvent event = events.next();
					if (event.timestamp() <= fromMillis || skip-- > 0) {
						continue;
					}
					json.raw(first ? "" : ",");
					first = false;
					json.event(event, channel.channelId(), extra.appendix());
					total++;
				}
			}
			json.raw("],\"total\":" + total + "}");
			return json.out.toByteArray();
		}

		private void event(SimulatedEvent event, String channelId, byte[] extra) {
			if (event.withChannelId()) {
				raw("{\"channelId\":").string(channelId).raw(",\"logLevel\":");
			}
			else {
				raw("{\"logLevel\":");
			}
			string(event.logLevel()).raw(",\"eventCode\":").string(event.reportedEventCode());
			raw(",\"description\":").string(event.description());
			long at = event.timestamp();
			switch (event.form()) {
				case MILLIS -> raw(",\"timestamp\":" + at);
				case SECONDS -> raw(",\"timestamp\":" + at / 1000);
				case BAD -> {
					switch ((int) (at % 4)) {
						case 0 -> raw(",\"timestamp\":\"yesterday\"");
						case 1 -> raw(",\"timestamp\":" + (-at));
						case 2 -> raw(",\"timestamp\":" + (at + 3_153_600_000_000L));
						default -> {
							// no timestamp at all
						}
					}
				}
			}
			this.out.writeBytes(extra);
			raw("}");
		}

		private PlainRendering string(String value) {
			this.out.write('"');
			for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
				if (b == '"' || b == '\\') {
					this.out.write('\\');
					this.out.write(b);
				}
				else if (b >= 0 && b < 0x20) {
					this.out.writeBytes(String.format("\\u%04x", b).getBytes(StandardCharsets.US_ASCII));
				}
				else {
					this.out.write(b);
				}
			}
			this.out.write('"');
			return this;
		}

		private PlainRendering raw(String ascii) {
			this.out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
			return this;
		}

	}

}
