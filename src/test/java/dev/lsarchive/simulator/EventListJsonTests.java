package dev.lsarchive.simulator;

import java.io.ByteArrayOutputStream;
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

}
