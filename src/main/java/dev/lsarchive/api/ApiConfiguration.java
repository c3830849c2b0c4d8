package dev.lsarchive.api;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lsarchive.config.ArchiveMode;

/** The client and its counters, for every profile that talks to an API (not the standalone simulator). */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
@EnableConfigurationProperties(LiveStationProperties.class)
class ApiConfiguration {

	@Bean
	ApiCallStats apiCallStats() {
		return new ApiCallStats();
	}

	@Bean
	LiveStationClient liveStationClient(LiveStationProperties properties, ApiCallStats stats,
			ObjectProvider<ApiEndpoint> replacement, Clock clock) {
		ApiEndpoint endpoint = replacement.getIfAvailable();
		LiveStationProperties effective = (endpoint != null)
				? properties.withEndpoint(endpoint.baseUrl(), endpoint.accessKey(), endpoint.secretKey()) : properties;
		return new LiveStationClient(effective, stats, clock);
	}

}
