package dev.lsarchive.api;

import java.net.URI;

/**
 * A gateway that replaces the configured one, with its own keys: the in-process simulator of the
 * {@code demo} and {@code bench} profiles.
 *
 * @param baseUrl base URL of the gateway
 * @param accessKey access key it accepts
 * @param secretKey secret key it verifies with
 */
public record ApiEndpoint(URI baseUrl, String accessKey, String secretKey) {

	@Override
	public String toString() {
		return "ApiEndpoint[" + this.baseUrl + ", accessKey=" + this.accessKey + ", secretKey=******]";
	}

}
