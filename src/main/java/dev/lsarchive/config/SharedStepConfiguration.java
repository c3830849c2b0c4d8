package dev.lsarchive.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.quarantine.QuarantineWriter;

/** What every step of the archive uses: its settings, the clock, progress lines and the quarantine. */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
@EnableConfigurationProperties(ArchiveProperties.class)
class SharedStepConfiguration {

	@Bean
	ProgressListener progressListener(ArchiveProperties properties) {
		return new ProgressListener(properties.progressInterval());
	}

	@Bean
	QuarantineWriter quarantineWriter(NamedParameterJdbcTemplate jdbc) {
		return new QuarantineWriter(jdbc);
	}

	// the clock requests are signed with and timestamps judged by; a drill may register a skewed one
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
