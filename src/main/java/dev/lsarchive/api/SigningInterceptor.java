package dev.lsarchive.api;

import java.io.IOException;
import java.time.Clock;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the five gateway headers to every request. Runs once per attempt, so every retry is signed
 * with a fresh timestamp and the gateway never sees a stale one.
 */
final class SigningInterceptor implements ClientHttpRequestInterceptor {

	static final String TIMESTAMP = "x-ncp-apigw-timestamp";

	static final String ACCESS_KEY = "x-ncp-iam-access-key";

	static final String SIGNATURE = "x-ncp-apigw-signature-v2";

	static final String REGION = "x-ncp-region_code";

	private final String accessKey;

	private final String secretKey;

	private final String regionCode;

	private final Clock clock;

	SigningInterceptor(String accessKey, String secretKey, String regionCode, Clock clock) {
		this.accessKey = accessKey;
		this.secretKey = secretKey;
		this.regionCode = regionCode;
		this.clock = clock;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String timestamp = Long.toString(this.clock.millis());
		String signature = RequestSigner.sign(request.getMethod().name(), RequestSigner.pathWithQuery(request.getURI()),
				timestamp, this.accessKey, this.secretKey);
		HttpHeaders headers = request.getHeaders();
		headers.set(TIMESTAMP, timestamp);
		headers.set(ACCESS_KEY, this.accessKey);
		headers.set(SIGNATURE, signature);
		headers.set(REGION, this.regionCode);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return execution.execute(request, body);
	}

}
