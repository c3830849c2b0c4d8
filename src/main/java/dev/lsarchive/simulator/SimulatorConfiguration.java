package dev.lsarchive.simulator;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** {@code simulator} profile: serve the simulated API standalone until the process is stopped. */
@Configuration(proxyBeanMethods = false)
@Profile("simulator")
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

	@Bean(destroyMethod = "close")
	LiveStationSimulator liveStationSimulator(SimulatorProperties properties) {
		return new LiveStationSimulator(properties);
	}

	@Bean
	ApplicationRunner serveUntilStopped(LiveStationSimulator simulator) {
		return (args) -> {
			CountDownLatch stopped = new CountDownLatch(1);
			Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "simulator-shutdown"));
			System.out.println("Simulator serving " + simulator.baseUrl() + " until stopped (Ctrl+C)");
			stopped.await();
		};
	}

}
