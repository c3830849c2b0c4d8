package dev.lsarchive.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadRedactionTests {

	private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	@Test
	void aReStreamChannelInfoKeepsNoSecretOfItsOwnOrOfItsTargets() {
		// given
		JsonNode info = this.json.readTree("""
				{"channelId":"ls-1","streamKey":"sk-own","publishUrl":"rtmp://p/sk-own","globalPublishUrl":"rtmp://g/sk-own",
				 "restream":[{"targetName":"YOUTUBE","rtmpUrl":"rtmp://a.rtmp.youtube.com/live2","streamKey":"rk-yt",
				              "id":"rtmp-user","password":"pw-secret"}]}
				""");

		// when
		String redacted = PayloadRedaction.redact(info).toString();
		ChannelDto withTargets = ChannelDto.from(info, ChannelKind.RE_STREAM).withTargets(ChannelDto.targets(info));

		// then
		assertThat(redacted).doesNotContain("sk-own", "rk-yt", "rtmp-user", "pw-secret")
			.contains("YOUTUBE", "rtmp://a.rtmp.youtube.com/live2");
		assertThat(withTargets.restreamTargets()).singleElement().satisfies((target) -> {
			assertThat(target.targetName()).isEqualTo("YOUTUBE");
			assertThat(target.rtmpUrl()).isEqualTo("rtmp://a.rtmp.youtube.com/live2");
			assertThat(target.payload())
				.isEqualTo("{\"targetName\":\"YOUTUBE\",\"rtmpUrl\":\"rtmp://a.rtmp.youtube.com/live2\"}");
		});
	}

	@Test
	void aTargetUrlLosesCredentialsAndQueryAndWhatCannotBeParsedIsWithheld() {
		assertThat(RestreamTarget.withoutCredentials("rtmp://user:pass@relay.example.com:1935/live/app?key=secret"))
			.isEqualTo("rtmp://relay.example.com:1935/live/app");
		assertThat(RestreamTarget.withoutCredentials("not a url with secret")).doesNotContain("secret");
		assertThat(RestreamTarget.withoutCredentials(null)).isNull();
	}

	@Test
	void everyDocumentedSecretAndItsSpellingsAreSecretAndTheFieldsBesideThemAreNot() {
		// given: the documented names, their variants, and names that only look alike
		List<String> secrets = List.of("streamKey", "streamkey", "stream_key", "STREAM-KEY", "backupStreamKey",
				"publishUrl", "globalPublishUrl", "backup_publish_url", "password", "rtmpPassword", "signature",
				"x-ncp-apigw-signature-v2", "requestSignature", "secretKey", "clientSecret", "token", "callbackToken",
				"accessToken", "callbackUrl", "callbackEndpoint", "callback_uri");
		List<String> fields = List.of("channelId", "streamSeq", "totalPublishSeconds", "recentPublishStartTime",
				"accessControl", "snapshotUrl", "objectStorageUrl", "rtmpUrl", "uploadPath", "alertOptions", "cdnDomain",
				"tokenCount", "callbackCount", "id", "description", "keyFrameInterval");

		// then: judged again (each name's answer is kept once judged), the same
		for (int time = 1; time <= 2; time++) {
			assertThat(secrets).allMatch(PayloadRedaction::isSecret);
			assertThat(fields).noneMatch(PayloadRedaction::isSecret);
		}
	}

	@Test
	void secretsAreRemovedAtEveryDepthAndATargetsUrlLosesItsCredentials() {
		// given: secrets nested in objects, in arrays of objects, in arrays inside arrays, and in targets
		JsonNode record = this.json.readTree("""
				{"channelId":"ls-1","cdn":{"cdnType":"GLOBAL_EDGE","streamKey":"s1","origin":{"signature":"s2"}},
				 "alertOptions":{"callbackUrl":"https://hooks.example.com/s3","callback_endpoint":"https://h/s4"},
				 "backups":[{"backupPublishUrl":"rtmp://b/s5","name":"b1"},[{"stream_key":"s6"}]],
				 "restream":[{"targetName":"CUSTOM","rtmpUrl":"rtmp://user:s7@relay.example.com/live?key=s8","id":"s9",
				              "password":"s10","streamKey":"s11"}],
				 "accessToken":"s12","id":"kept-id"}
				""");

		// when
		String redacted = PayloadRedaction.redact(record).toString();

		// then
		assertThat(redacted).doesNotContain("\"s1\"", "\"s2\"", "s3", "s4", "s5", "s6", "s7", "s8", "\"s9\"", "s10",
				"s11", "s12");
		assertThat(redacted).contains("\"cdnType\":\"GLOBAL_EDGE\"", "\"origin\":{}", "\"name\":\"b1\"",
				"\"rtmpUrl\":\"rtmp://relay.example.com/live\"", "\"id\":\"kept-id\"", "\"targetName\":\"CUSTOM\"");
	}

	@Test
	void noRecordOfAnyResourceKeepsASecretInItsPayload() {
		// given: each resource's record with a secret at the top and one nested
		String nested = "\"extra\":{\"streamKey\":\"SECRET-A\",\"list\":[{\"password\":\"SECRET-B\"}]}";
		JsonNode channel = this.json.readTree("{\"channelId\":\"ls-1\",\"streamKey\":\"SECRET-C\"," + nested
				+ ",\"restream\":[{\"targetName\":\"T\",\"id\":\"SECRET-D\",\"password\":\"SECRET-E\"}]}");
		JsonNode snapshot = this.json.readTree("{\"channelId\":\"ls-1\",\"snapshot\":{\"snapshotId\":5,"
				+ "\"signature\":\"SECRET-C\"}," + nested + "}");
		JsonNode recording = this.json.readTree("{\"recordId\":\"r\",\"callbackUrl\":\"https://h/SECRET-C\"," + nested
				+ "}");
		String event = "{\"eventCode\":\"X\",\"publishUrl\":\"rtmp://p/SECRET-C\"," + nested + "}";

		// when
		List<String> payloads = List.of(ChannelDto.from(channel.deepCopy(), ChannelKind.RE_STREAM).payload(),
				ChannelDto.targets(channel.deepCopy()).get(0).payload(), SnapshotDto.from(snapshot).payload(),
				RecordingDto.from(null, recording).payload(), streamed(event).payload().json(),
				String.valueOf(streamed(event).extra()), EventDto.from(null, this.json.readTree(event)).payload().json());

		// then
		assertThat(payloads).allSatisfy((payload) -> assertThat(payload).doesNotContain("SECRET"));
	}

	private EventDto streamed(String event) {
		try (JsonParser parser = this.json.createParser(event)) {
			parser.nextToken();
			return EventFields.read(parser, this.json, null, "GET /api/v2/events");
		}
	}

}
