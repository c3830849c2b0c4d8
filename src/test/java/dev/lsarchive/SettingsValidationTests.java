package dev.lsarchive;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.cli.SettingProblemReporter;
import dev.lsarchive.config.ArchiveProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nonsense settings fail the start naming the setting, as a failure {@code main} turns into exit
 * code 2 (ApplicationIntegrationTests launches the jar once to prove the exit code itself).
 */
class SettingsValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class)
		.withPropertyValues("livestation.api.access-key=a", "livestation.api.secret-key=s",
				"archive.run-date=2026-11-20");

	@Test
	void everyNonsenseSettingStopsTheStartNamingIt() {
		for (String nonsense : List.of("archive.run-date=2026-13-45", "archive.event-threads=0",
				"livestation.api.read-timeout=0s", "archive.event-chunk-size=-5", "livestation.api.max-attempts=0",
				"archive.max-quarantine-ratio=2", "livestation.api.base-url=http://plain.example.com",
				"archive.catch-up-from=2026-11-21", "livestation.api.access-key=")) {
			// when
			this.runner.withPropertyValues(nonsense).run((context) -> {
				// then
				assertThat(context).as(nonsense).hasFailed();
				assertThat(ArchiveApplication.isConfigurationError(context.getStartupFailure())).as(nonsense).isTrue();
				String setting = nonsense.substring(0, nonsense.indexOf('='));
				assertThat(messages(context.getStartupFailure())).as(nonsense).contains(setting);
				// and what the operator reads: one line naming the setting and how to set it
				assertThat(SettingProblemReporter.describe(context.getStartupFailure())).as(nonsense)
					.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
					.contains(setting)
					.containsAnyOf("--" + setting + "=", "(livestation.api.allow-insecure-http=true)",
							"archive.run-date")
					.doesNotContain("\n");
			});
		}
	}

	@Test
	void aBlankSecretIsToldAsNotSetWithItsFlagAndVariable() {
		this.runner.withPropertyValues("livestation.api.secret-key=   ").run((context) -> {
			assertThat(SettingProblemReporter.describe(context.getStartupFailure())).singleElement()
				.asString()
				.contains("livestation.api.secret-key is not set", "LIVESTATION_API_SECRETKEY");
		});
	}

	@Test
	void sensibleSettingsStart() {
		this.runner.withPropertyValues("archive.event-threads=2", "archive.catch-up-from=2026-11-18")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ArchiveProperties.class));
	}

	private static String messages(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause.getMessage()).append('\n');
		}
		return text.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ArchiveProperties.class, LiveStationProperties.class })
	static class Settings {

	}

}
