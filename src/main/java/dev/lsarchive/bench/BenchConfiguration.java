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
		return "nights".equals(properties.scenario()) ? new NightsBench(properties, environment)
				: new BenchRunner(properties, environment);
	}

}
