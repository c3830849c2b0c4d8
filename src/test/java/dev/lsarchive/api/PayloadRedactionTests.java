package dev.lsarchive.api;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadRedactionTests {

	private final JsonMapper json = JsonMapper.builder().build();

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
		assertThat(withTargets.restreamTargets()).containsExactly(
				new RestreamTarget("YOUTUBE", "rtmp://a.rtmp.youtube.com/live2"));
	}

	@Test
	void aTargetUrlLosesCredentialsAndQueryAndWhatCannotBeParsedIsWithheld() {
		assertThat(RestreamTarget.withoutCredentials("rtmp://user:pass@relay.example.com:1935/live/app?key=secret"))
			.isEqualTo("rtmp://relay.example.com:1935/live/app");
		assertThat(RestreamTarget.withoutCredentials("not a url with secret")).doesNotContain("secret");
		assertThat(RestreamTarget.withoutCredentials(null)).isNull();
	}

}
