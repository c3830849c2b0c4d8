package dev.lsarchive.callback;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatorProperties;

/**
 * The receiver's demo ({@code --spring.profiles.active=demo --archive.job=callback-receiver}): the simulator
 * of the nightly demo in this process, its clock set back {@link ReceiverDemo#REPLAYED} before the instant the
 * nightly demo's stands at, so that the receiver's registration is stamped there. Imported by
 * {@link CallbackReceiverApplication} only: it carries no {@code @Configuration}, so that the batch modes'
 * component scan never sees it.
 */
@Profile("demo")
@EnableConfigurationProperties({ SimulatorProperties.class, LiveStationProperties.class })
class ReceiverDemoConfiguration {

	@Bean(destroyMethod = "close")
	LiveStationSimulator demoSimulator(SimulatorProperties properties) {
		LiveStationSimulator simulator = LiveStationSimulator.demo(properties);
		simulator.setTime(simulator.now().minus(ReceiverDemo.REPLAYED));
		return simulator;
	}

	@Bean
	ReceiverDemo receiverDemo(LiveStationSimulator demoSimulator, LiveStationProperties api,
			CallbackProperties properties, Environment environment, Clock clock) {
		return new ReceiverDemo(demoSimulator, api, properties, environment, clock, System.out);
	}

}
