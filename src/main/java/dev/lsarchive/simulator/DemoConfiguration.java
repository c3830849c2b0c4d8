package dev.lsarchive.simulator;

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
		// the account stands still at 01:00 UTC after its history: a second demo run the same day sees
		// exactly the same answers (no recording grows, no snapshot is taken) and writes nothing
		return LiveStationSimulator.demo(properties);
	}

	@Bean
	ApiEndpoint simulatorEndpoint(LiveStationSimulator simulator) {
		return new ApiEndpoint(simulator.baseUrl(), simulator.accessKey(), simulator.secretKey());
	}

}
