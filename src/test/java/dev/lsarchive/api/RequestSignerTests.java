package dev.lsarchive.api;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignerTests {

	@Test
	void reproducesThePublishedKnownAnswer() {
		// when
		String signature = RequestSigner.sign("GET", "/vserver/v2/getServerInstanceList?responseFormatType=json",
				"1234567890123", "TestAccessKey", "TestSecretKey");

		// then
		assertThat(signature).isEqualTo("FPsYYX8fuMAgi+cue3eACOW0dNtIwu1LYWfg/megA2M=");
	}

	@Test
	void signsThePathWithItsRawQuery() {
		// given: value computed independently with openssl dgst -sha256 -hmac
		URI uri = URI.create("https://livestation.apigw.ntruss.com/api/v2/events?channelId=ls-20200313162828-G60tN");

		// when
		String signature = RequestSigner.sign("GET", RequestSigner.pathWithQuery(uri), "1521787414578", "AKIDEXAMPLE",
				"secret/with+slash=");

		// then
		assertThat(RequestSigner.pathWithQuery(uri)).isEqualTo("/api/v2/events?channelId=ls-20200313162828-G60tN");
		assertThat(signature).isEqualTo("WCv3UbMz9rF5G0Sc0M1fo6tTeeiAWlrsoSvqgPRVbic=");
	}

	@Test
	void signsAPathWithoutQueryWithoutQuestionMark() {
		// given
		URI uri = URI.create("https://livestation.apigw.ntruss.com/api/v2/channels");

		// when
		String signature = RequestSigner.sign("GET", RequestSigner.pathWithQuery(uri), "1521787414578", "AKIDEXAMPLE",
				"secret/with+slash=");

		// then
		assertThat(RequestSigner.pathWithQuery(uri)).isEqualTo("/api/v2/channels");
		assertThat(signature).isEqualTo("ZUHTQTRCCKgDAM9WtRv+xnc/H7qblcv5ThBDJVdnx0Y=");
	}

	@Test
	void keepsPercentEncodingAsSent() {
		// given
		URI uri = URI.create("http://h/api/v2/channels?channelName=news%20room&pageNo=1");

		// then
		assertThat(RequestSigner.pathWithQuery(uri)).isEqualTo("/api/v2/channels?channelName=news%20room&pageNo=1");
	}

}
