package dev.lsarchive.callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Makes the callback receiver's start a web application, and only its start: the batch modes keep
 * {@code spring.main.web-application-type=none} and never see the receiver's defaults. Those defaults
 * ({@code receiver.properties}: ports, probes, Tomcat's limits, graceful stop) rank below every setting
 * an operator gives, so that each can be changed; with the {@code demo} profile, the demo's defaults
 * ({@code receiver-demo.properties}) and a token made up for the run rank just above them.
 */
public final class ReceiverMode implements EnvironmentPostProcessor, Ordered {

	private static final String DEFAULTS = "dev/lsarchive/callback/receiver.properties";

	private static final String DEMO_DEFAULTS = "dev/lsarchive/callback/receiver-demo.properties";

	private static final String TOKEN = "archive.callback.token";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(CallbackReceiverApplication.class)) {
			return;
		}
		// what the receiver needs whatever else is set: a web server, Boot's shutdown hook (SIGTERM stops
		// it gracefully) and no Pushgateway (it is scraped)
		environment.getPropertySources()
			.addFirst(new MapPropertySource("callbackReceiverMode",
					Map.of("spring.main.web-application-type", "servlet", "spring.main.register-shutdown-hook", "true",
							"management.prometheus.metrics.export.pushgateway.enabled", "false")));
		environment.getPropertySources().addLast(defaults("callbackReceiverDefaults", DEFAULTS));
		if (environment.matchesProfiles("demo")) {
			// the demo's receiver registers its own URL: its token is made up per run, unless one is set
			environment.getPropertySources()
				.addBefore("callbackReceiverDefaults", new MapPropertySource("callbackReceiverDemoToken",
						Map.of(TOKEN, "demo-" + UUID.randomUUID().toString().replace("-", ""))));
			environment.getPropertySources()
				.addBefore("callbackReceiverDefaults", defaults("callbackReceiverDemoDefaults", DEMO_DEFAULTS));
		}
	}

	private static ResourcePropertySource defaults(String name, String resource) {
		try {
			return new ResourcePropertySource(name, new ClassPathResource(resource, ReceiverMode.class.getClassLoader()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The receiver's defaults are missing from the jar: " + resource, ex);
		}
	}

}
