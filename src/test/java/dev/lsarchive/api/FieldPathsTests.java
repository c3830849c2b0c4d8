package dev.lsarchive.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FieldPathsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void namesEveryFieldByItsDottedPathWithBracketsForTheObjectsOfAnArray() {
		// given
		JsonNode record = this.json.readTree("""
				{"channelId":"ls-1","cdn":{"cdnType":"GLOBAL_EDGE","origin":{"host":"o"}},"empty":{},
				 "restream":[{"targetName":"YOUTUBE"},{"targetName":"CUSTOM","rtmpUrl":"rtmp://r/live"}],
				 "tags":["a","b"],"grid":[[{"x":1}]],"nothing":null}
				""");

		// when
		List<String> paths = List.copyOf(FieldPaths.of(record));

		// then: in the record's order, each once
		assertThat(paths).containsExactly("channelId", "cdn", "cdn.cdnType", "cdn.origin", "cdn.origin.host", "empty",
				"restream", "restream[].targetName", "restream[].rtmpUrl", "tags", "grid", "grid[][].x", "nothing");
		assertThat(FieldPaths.of(this.json.readTree("[1,2]"))).isEmpty();
		assertThat(FieldPaths.of(this.json.readTree("42"))).isEmpty();
	}

	@Test
	void eachRecordCarriesThePathsOfItsPayloadWithoutItsSecrets() {
		// given
		JsonNode channel = this.json.readTree("""
				{"channelId":"ls-1","streamKey":"sk","cdn":{"cdnType":"GLOBAL_EDGE","edgeRegion":"kr"},"futureFlag":true,
				 "restream":[{"targetName":"YOUTUBE","rtmpUrl":"rtmp://a/live2","id":"u","password":"p","note":"n"}]}
				""");
		JsonNode snapshot = this.json.readTree("""
				{"channelId":"ls-1","snapshot":{"snapshotId":5,"snapshotUrl":"https://s/5.m3u8","watermark":"w"}}
				""");
		JsonNode recording = this.json.readTree("{\"recordId\":\"r1\",\"status\":\"RECORDING\",\"storage\":{\"tier\":\"cold\"}}");

		// when
		ChannelDto listed = ChannelDto.from(channel.deepCopy(), ChannelKind.RE_STREAM);
		List<RestreamTarget> targets = ChannelDto.targets(channel.deepCopy());
		SnapshotDto info = SnapshotDto.from(snapshot);
		RecordingDto record = RecordingDto.from(null, recording);

		// then
		assertThat(listed.fields()).containsExactly("channelId", "cdn", "cdn.cdnType", "cdn.edgeRegion", "futureFlag",
				"restream", "restream[].targetName", "restream[].rtmpUrl", "restream[].note");
		assertThat(listed.withTargets(targets).fields()).isEqualTo(listed.fields());
		assertThat(targets).singleElement()
			.satisfies((target) -> assertThat(target.fields()).containsExactly("targetName", "rtmpUrl", "note"));
		assertThat(info.fields()).containsExactly("channelId", "snapshot", "snapshot.snapshotId", "snapshot.snapshotUrl",
				"snapshot.watermark");
		assertThat(record.fields()).containsExactly("recordId", "status", "storage", "storage.tier");
	}

	@Test
	void aRecordBuiltByHandHasNoPaths() {
		assertThat(new RestreamTarget("YOUTUBE", "rtmp://a/live2").fields()).isEmpty();
		assertThat(new SnapshotDto("ls-1", "READY", "5", "u", "1", "2", "1", "{}").fields()).isEmpty();
	}

}
