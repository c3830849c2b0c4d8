package dev.lsarchive.job;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Pushgateway push of {@code management.prometheus.metrics.export.pushgateway.*}, built from
 * Spring Boot's own settings as Boot builds it; being a {@code PrometheusPushGatewayManager}, it
 * takes the place of Boot's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("management.prometheus.metrics.export.pushgateway.enabled")
class MetricsPushConfiguration {

	@Bean
	MetricsPush metricsPush(PrometheusRegistry registry, PrometheusProperties properties, Environment environment) {
		PrometheusProperties.Pushgateway settings = properties.getPushgateway();
		PushGateway.Builder gateway = PushGateway.builder()
			.address(settings.getAddress())
			.scheme((settings.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS) ? Scheme.HTTPS
					: Scheme.HTTP)
			.format((settings.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT) ? Format.PROMETHEUS_TEXT
					: Format.PROMETHEUS_PROTOBUF)
			.job((settings.getJob() != null) ? settings.getJob()
					: environment.getProperty("spring.application.name", "spring"))
			.registry(registry);
		if (StringUtils.hasText(settings.getToken())) {
			gateway.bearerToken(settings.getToken());
		}
		else if (StringUtils.hasText(settings.getUsername())) {
			gateway.basicAuth(settings.getUsername(), settings.getPassword());
		}
		settings.getGroupingKey().forEach(gateway::groupingKey);
		return new MetricsPush(gateway.build(), settings.getAddress(), settings.getPushRate(),
				settings.getShutdownOperation());
	}

}
