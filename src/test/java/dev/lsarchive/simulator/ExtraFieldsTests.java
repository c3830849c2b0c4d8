package dev.lsarchive.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ExtraFieldsTests {

	// a key sent twice in one object fails the read
	private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	private static final Instant ANCHOR = Instant.parse("2026-11-20T00:00:00Z");

	@Test
	void aFieldTheSimulatorSendsAlreadyOrANameInsideAValueIsRefusedAndNewNamesAreNot() {
		// when
		List<String> sentAlready = ExtraFields.problems(List.of("channelId", "cdn", "snapshot.snapshotUrl"));
		List<String> insideAValue = ExtraFields.problems(List.of("channelId.x", "restream.x"));
		List<String> fieldAndObject = ExtraFields.problems(List.of("flag", "flag.inner"));
		List<String> fresh = ExtraFields.problems(List.of("futureFlag", "cdn.edgeRegion", "snapshot.note", "a.b.c",
				"futureFlag"));

		// then
		assertThat(sentAlready).hasSize(3).allSatisfy((line) -> assertThat(line).startsWith("simulator.extra-fields: ")
			.contains("sends already", "--simulator.extra-fields=", "SIMULATOR_EXTRAFIELDS"));
		assertThat(insideAValue).hasSize(2).allSatisfy((line) -> assertThat(line).contains("as a value, not an object"));
		assertThat(fieldAndObject).singleElement().asString().contains("flag.inner lies inside flag");
		assertThat(fresh).isEmpty();
	}

	@Test
	void aNameGoesInsideTheObjectTheRecordWritesAndCreatesTheObjectsItHasNot() {
		// given
		ExtraFields extra = ExtraFields.of(List.of("futureFlag", "cdn.edgeRegion", "quality.video.codec"));

		// when: a record with a cdn object of its own
		JsonNode record = render((out) -> {
			out.writeStartObject();
			out.writeStringProperty("channelId", "ls-1");
			out.writeObjectPropertyStart("cdn");
			out.writeStringProperty("cdnType", "GLOBAL_EDGE");
			extra.write(out, "cdn", List.of());
			out.writeEndObject();
			extra.write(out, "", List.of("cdn"));
			out.writeEndObject();
		});

		// then
		assertThat(record.toString()).isEqualTo("{\"channelId\":\"ls-1\",\"cdn\":{\"cdnType\":\"GLOBAL_EDGE\","
				+ "\"edgeRegion\":\"simulated cdn.edgeRegion\"},\"futureFlag\":\"simulated futureFlag\","
				+ "\"quality\":{\"video\":{\"codec\":\"simulated quality.video.codec\"}}}");
		assertThat(new String(extra.appendix(), StandardCharsets.UTF_8)).isEqualTo(",\"futureFlag\":\"simulated futureFlag\","
				+ "\"cdn\":{\"edgeRegion\":\"simulated cdn.edgeRegion\"},"
				+ "\"quality\":{\"video\":{\"codec\":\"simulated quality.video.codec\"}}");
	}

	@Test
	void withoutNamesNothingIsWritten() {
		// when
		JsonNode record = render((out) -> {
			out.writeStartObject();
			out.writeStringProperty("channelId", "ls-1");
			ExtraFields.of(List.of()).write(out, "", List.of());
			out.writeEndObject();
		});

		// then
		assertThat(ExtraFields.of(List.of())).isSameAs(ExtraFields.NONE);
		assertThat(ExtraFields.NONE.isEmpty()).isTrue();
		assertThat(ExtraFields.NONE.appendix()).isEmpty();
		assertThat(record.toString()).isEqualTo("{\"channelId\":\"ls-1\"}");
	}

	@Test
	void everyChannelAndEveryTargetCarriesTheFieldsOnceAndKeepsItsOwn() {
		// given: channels of every kind, some with a snapshot object of their own
		SimulatedDataset dataset = new SimulatedDataset(SimulatorProperties.of(30, 1), ANCHOR);
		ChannelJson plain = new ChannelJson(dataset, ExtraFields.NONE);
		ChannelJson extended = new ChannelJson(dataset, ExtraFields.of(List.of("futureFlag", "cdn.edgeRegion",
				"snapshot.note")));
		long now = ANCHOR.toEpochMilli();

		for (SimulatedChannel channel : dataset.channels()) {
			// when
			JsonNode without = render((out) -> plain.write(out, channel, now, true));
			JsonNode with = render((out) -> extended.write(out, channel, now, true));

			// then: the fields added, inside the objects the channel has (no key twice), and nothing of its own changed
			assertThat(with.path("futureFlag").asString()).isEqualTo("simulated futureFlag");
			assertThat(with.path("cdn").path("edgeRegion").asString()).isEqualTo("simulated cdn.edgeRegion");
			assertThat(with.path("snapshot").path("note").asString()).isEqualTo("simulated snapshot.note");
			assertThat(withoutExtraFields(with.deepCopy())).isEqualTo(without);
			for (JsonNode target : with.path("restream")) {
				assertThat(target.path("futureFlag").asString()).isEqualTo("simulated futureFlag");
				assertThat(target.path("cdn").path("edgeRegion").asString()).isEqualTo("simulated cdn.edgeRegion");
			}
		}
		assertThat(dataset.channels()).extracting(SimulatedChannel::kind).contains("LIVE", "RE_STREAM", "VOD2LIVE");
	}

	// the channel as it is without the setting: what the setting added taken out again
	private static JsonNode withoutExtraFields(JsonNode channel) {
		List<JsonNode> records = new ArrayList<>(List.of(channel));
		channel.path("restream").forEach(records::add);
		for (JsonNode record : records) {
			ObjectNode object = (ObjectNode) record;
			object.remove("futureFlag");
			for (String name : List.of("cdn", "snapshot")) {
				if (object.get(name) instanceof ObjectNode inner) {
					inner.remove(List.of("edgeRegion", "note"));
					if (inner.isEmpty()) {
						object.remove(name);
					}
				}
			}
		}
		return channel;
	}

	private static JsonNode render(Consumer<JsonGenerator> writer) {
		return JSON.readTree(bytes(writer));
	}

	private static byte[] bytes(Consumer<JsonGenerator> writer) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator out = JSON.createGenerator(bytes)) {
			writer.accept(out);
		}
		return bytes.toByteArray();
	}

}
