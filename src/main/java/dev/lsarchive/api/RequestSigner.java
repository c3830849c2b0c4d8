package dev.lsarchive.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NAVER Cloud API Gateway signature v2: Base64(HMAC-SHA256(secretKey, "METHOD path?query\nts\naccessKey")).
 */
public final class RequestSigner {

	private RequestSigner() {
	}

	/**
	 * Signs one request.
	 * @param method HTTP method, upper case
	 * @param pathWithQuery raw path, plus {@code ?} and the raw query exactly as sent when there is one
	 * @param timestamp the value of the {@code x-ncp-apigw-timestamp} header
	 * @param accessKey the access key id
	 * @param secretKey the secret key
	 * @return the value of the {@code x-ncp-apigw-signature-v2} header
	 */
	public static String sign(String method, String pathWithQuery, String timestamp, String accessKey,
			String secretKey) {
		String message = method + " " + pathWithQuery + "\n" + timestamp + "\n" + accessKey;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is mandatory in every JRE; reaching this means a broken runtime, not bad input
			throw new IllegalStateException("HmacSHA256 is not available in this JRE", ex);
		}
	}

	/** The signed part of a URI: raw path, plus {@code ?rawQuery} when the URI has a query. */
	public static String pathWithQuery(java.net.URI uri) {
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		return (uri.getRawQuery() == null) ? path : path + "?" + uri.getRawQuery();
	}

}
