package dev.lsarchive.job;

import java.net.UnknownHostException;
import java.time.Duration;

import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;

/**
 * Pushes the metrics to the Prometheus Pushgateway when the application ends, in place of Spring
 * Boot's own manager, and tells a push that failed in one WARN line that says what to do: Boot's
 * logs each failed push with its stack trace (two a run when no Pushgateway listens).
 */
class MetricsPush extends PrometheusPushGatewayManager {

	private static final Logger log = LoggerFactory.getLogger(MetricsPush.class);

	private final PushGateway gateway;

	private final String address;

	private final ShutdownOperation lastPush;

	/**
	 * Boot's scheduler still pushes at start and every {@code pushRate}; their failures are not logged
	 * (application.properties): the last push, at the end, tells whether the run's figures got there.
	 */
	MetricsPush(PushGateway gateway, String address, Duration pushRate, ShutdownOperation lastPush) {
		super(gateway, pushRate, ShutdownOperation.NONE);
		this.gateway = gateway;
		this.address = address;
		this.lastPush = lastPush;
	}

	@Override
	public void shutdown() {
		super.shutdown();
		try {
			switch (this.lastPush) {
				case POST -> this.gateway.pushAdd();
				case PUT -> this.gateway.push();
				case DELETE -> this.gateway.delete();
				case NONE -> {
				}
			}
		}
		catch (Exception ex) {
			log.warn("metrics were not pushed to the Pushgateway at {}: {}; start it (docker compose --profile dashboards"
					+ " up -d) or set ARCHIVE_PUSHGATEWAY_ENABLED=false", this.address, cause(ex));
			log.debug("the push to the Pushgateway failed", ex);
		}
	}

	// the innermost cause says it best: the client wraps "Connection refused" in a sentence of its own
	private static String cause(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().lines().findFirst().orElse("") : "";
		if (root instanceof UnknownHostException) {
			return "unknown host " + message;
		}
		if (message.isBlank()) {
			return root.getClass().getSimpleName();
		}
		return Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

}
