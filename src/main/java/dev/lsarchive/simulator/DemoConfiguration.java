package dev.lsarchive.simulator;

import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import dev.lsarchive.api.ApiEndpoint;

/**
 * {@code demo} profile: the simulator runs in this process with freshly generated keys, and the
 * client is pointed at it, so the job runs end to end without a NAVER Cloud account.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@EnableConfigurationProperties(SimulatorProperties.class)
class DemoConfiguration {

	@Bean(destroyMethod = "close")
	LiveStationSimulator liveStationSimulator(SimulatorProperties properties) {
		// keys are made up per run: the demo never needs, and never holds, a real credential
		return new LiveStationSimulator(
				properties.withKeys("demo-" + UUID.randomUUID(), "demo-secret-" + UUID.randomUUID()));
	}

	@Bean
	ApiEndpoint simulatorEndpoint(LiveStationSimulator simulator) {
		return new ApiEndpoint(simulator.baseUrl(), simulator.accessKey(), simulator.secretKey());
	}

}
