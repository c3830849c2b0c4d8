package dev.lsarchive.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingAdviceTests {

	@Test
	void aSecretIsSetInTheEnvironmentOnlyAndAnyOtherSettingEitherWay() {
		// given
		List<String> secrets = List.of("livestation.api.secret-key", "archive.callback.token", "spring.datasource.password",
				"simulator.secret-key", "archive.callback.url");
		List<String> others = List.of("livestation.api.access-key", "archive.callback.channel", "archive.run-date",
				"spring.datasource.username");

		// then
		assertThat(secrets).allMatch(SettingAdvice::isSecret)
			.allSatisfy((name) -> assertThat(SettingAdvice.howToSet(name)).startsWith("set the environment variable ")
				.contains("a secret: not on the command line")
				.doesNotContain("--"));
		assertThat(others).noneMatch(SettingAdvice::isSecret)
			.allSatisfy((name) -> assertThat(SettingAdvice.howToSet(name)).contains("--" + name + "=..."));
	}

	@Test
	void theVariableIsTheOneSpringBindsToTheSetting() {
		// then
		assertThat(SettingAdvice.howToSet("archive.callback.token")).contains("ARCHIVE_CALLBACK_TOKEN");
		assertThat(SettingAdvice.howToSet("livestation.api.access-key")).endsWith("LIVESTATION_API_ACCESSKEY");
		assertThat(SettingAdvice.variablesBound("archive.summary-file")).containsExactly("ARCHIVE_SUMMARYFILE",
				"ARCHIVE_SUMMARY_FILE");
	}

}
