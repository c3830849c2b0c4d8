package dev.lsarchive.bench;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** {@code bench} profile: measure the archive on a simulated account instead of running it once. */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
@EnableConfigurationProperties(BenchProperties.class)
class BenchConfiguration {

	@Bean
	ApplicationRunner benchRunner(BenchProperties properties, Environment environment) {
		return switch (properties.scenario()) {
			case "nights" -> new NightsBench(properties, environment);
			case "callbacks" -> new CallbacksBench(properties, environment);
			default -> new BenchRunner(properties, environment);
		};
	}

}
