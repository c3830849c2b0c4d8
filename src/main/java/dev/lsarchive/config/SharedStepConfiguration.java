package dev.lsarchive.config;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ArchivedResources;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * What every step of the archive uses: its settings, the clock, progress lines, the quarantine, and
 * the archived resources that the packages declare.
 */
@Configuration(proxyBeanMethods = false)
@ArchiveMode
@EnableConfigurationProperties(ArchiveProperties.class)
class SharedStepConfiguration {

	// every resource package declares its resource as a bean: the summary, ledger and metrics iterate them
	@Bean
	ArchivedResources archivedResources(List<ArchivedResource> resources) {
		return new ArchivedResources(resources);
	}

	@Bean
	ProgressListener progressListener(ArchiveProperties properties, ArchivedResources archivedResources) {
		return new ProgressListener(properties.progressInterval(), archivedResources);
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
