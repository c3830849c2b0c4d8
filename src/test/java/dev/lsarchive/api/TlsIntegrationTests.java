package dev.lsarchive.api;

import java.io.File;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;

import dev.lsarchive.support.ApiSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Certificates are verified: a gateway whose certificate the JVM does not trust is refused. */
class TlsIntegrationTests {

	@Test
	void aGatewayWithAnUntrustedCertificateIsRefused() throws Exception {
		// given: an https server with a self-signed certificate
		Path keystore = Files.createTempDirectory("tls").resolve("server.p12");
		String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
		Process generate = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
				"-keysize", "2048", "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "changeit", "-keypass", "changeit"))
			.redirectErrorStream(true)
			.start();
		generate.getInputStream().readAllBytes();
		assertThat(generate.waitFor(60, TimeUnit.SECONDS)).isTrue();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (FileInputStream in = new FileInputStream(keystore.toFile())) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		try {
			LiveStationProperties settings = ApiSettings
				.at(URI.create("https://127.0.0.1:" + server.getAddress().getPort()), "key", "secret")
				.readTimeout(Duration.ofSeconds(2))
				.streamTimeout(Duration.ofSeconds(2))
				.maxAttempts(1)
				.backoff(Duration.ofMillis(1), Duration.ofMillis(1))
				.requestsPerSecond(100)
				.allowInsecureHttp(false)
				.build();
			LiveStationClient client = new LiveStationClient(settings, new ApiCallStats());

			// when
			LiveStationApiException failure = catchThrowableOfType(LiveStationApiException.class,
					() -> client.channelPage(1, 1));

			// then
			assertThat(failure.getMessage()).containsAnyOf("PKIX", "certificate", "SSL", "handshake");
		}
		finally {
			server.stop(0);
		}
	}

}
