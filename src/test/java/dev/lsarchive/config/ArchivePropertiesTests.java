package dev.lsarchive.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which nights a start archives, by the job's clock in the business time zone. */
class ArchivePropertiesTests {

	// 23:30 UTC on 2026-12-06 is already 2026-12-07 in Seoul, the default time zone
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T23:30:00Z"), ZoneOffset.UTC);

	@Test
	void aNightThatHasNotBegunInTheBusinessTimeZoneIsRefusedInOneLine() {
		// when
		SettingsRefusedException future = catchThrowableOfType(SettingsRefusedException.class,
				() -> settings("archive.run-date", "2026-12-08").runDates(CLOCK));
		SettingsRefusedException catchingUpToIt = catchThrowableOfType(SettingsRefusedException.class,
				() -> settings("archive.run-date", "2026-12-20", "archive.catch-up-from", "2026-12-01").runDates(CLOCK));
		SettingsRefusedException inUtc = catchThrowableOfType(SettingsRefusedException.class,
				() -> settings("archive.run-date", "2026-12-07", "archive.time-zone", "UTC").runDates(CLOCK));

		// then
		assertThat(future.problems()).containsExactly("archive.run-date=2026-12-08 has not begun yet in Asia/Seoul (it is"
				+ " 2026-12-07 there): a night is archived once it is over, as the default, yesterday, is; set it with"
				+ " --archive.run-date=... or the environment variable ARCHIVE_RUNDATE");
		assertThat(catchingUpToIt.problems()).singleElement().asString().startsWith("archive.run-date=2026-12-20 has not begun");
		assertThat(inUtc.problems()).singleElement().asString().contains("in UTC (it is 2026-12-06 there)");
	}

	@Test
	void todayYesterdayAndTheDefaultAreArchivedAndACatchUpRunsInOrder() {
		// when / then
		assertThat(settings("archive.run-date", "2026-12-07").runDates(CLOCK)).containsExactly(LocalDate.parse("2026-12-07"));
		assertThat(settings().runDates(CLOCK)).containsExactly(LocalDate.parse("2026-12-06"));
		assertThat(settings("archive.catch-up-from", "2026-12-04").runDates(CLOCK)).containsExactly(
				LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-06"));
	}

	@Test
	void aCatchUpFromAfterTheRunDateIsRefusedInOneLine() {
		// when: the run date being the default, yesterday
		SettingsRefusedException refused = catchThrowableOfType(SettingsRefusedException.class,
				() -> settings("archive.catch-up-from", "2026-12-07").runDates(CLOCK));

		// then
		assertThat(refused.problems()).containsExactly("archive.catch-up-from=2026-12-07 is after the run date 2026-12-06:"
				+ " catching up runs from it through the run date; set it with --archive.catch-up-from=... or the"
				+ " environment variable ARCHIVE_CATCHUPFROM");
	}

	private static ArchiveProperties settings(String... pairs) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			values.put(pairs[i], pairs[i + 1]);
		}
		return new Binder(List.of(new MapConfigurationPropertySource(values))).bindOrCreate("archive", ArchiveProperties.class);
	}

}
