package dev.lsarchive.event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveTables;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.AccountNights.at;
import static dev.lsarchive.support.AccountNights.night;
import static dev.lsarchive.support.AccountNights.nightAs;
import static dev.lsarchive.support.AccountNights.start;
import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuity on the time-aware simulator: nights run "at" the account's time, over a history that
 * grows every day and an API that forgets after its retention or caps its lists.
 */
class ContinuityIntegrationTests {

	private static final SimulatorProperties ACCOUNT = SimulatorProperties.of(8, 20).toBuilder()
		.snapshotShare(0)
		.noOddities()
		.eventsPerDay(6)
		.build();

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void aRetentionLongerThanTheNightsLeavesNoGap() {
		// given
		try (LiveStationSimulator simulator = start(ACCOUNT.toBuilder().retention(Duration.ofDays(3)).build())) {

			// when: four nights in a row
			for (int night = 1; night <= 4; night++) {
				assertThat(night(simulator, night)).isZero();
			}

			// then
			assertThat(count("SELECT count(*) FROM livestation.event_gap")).isZero();
			assertThat(missing(simulator, at(simulator, 1).minus(Duration.ofDays(3)), at(simulator, 4))).isEmpty();
			assertThat(count("SELECT count(*) FROM livestation.event_coverage WHERE covered_through = '"
					+ at(simulator, 4) + "'")).isEqualTo(ACCOUNT.channels());
			assertThat(rows("SELECT gaps FROM reporting.channel_coverage")).extracting((r) -> r.get("gaps"))
				.containsOnly(0L);
			assertThat(ArchiveTables.sessionsDifferingFromARecount())
				.as("sessions kept night by night equal a whole recount").isZero();
		}
	}

	@Test
	void aMissedNightWithAShortRetentionRecordsExactlyTheLostWindowOnce() throws Exception {
		// given: the API keeps events a day and a half; night 2 is missed
		Duration retention = Duration.ofHours(36);
		try (LiveStationSimulator simulator = start(ACCOUNT.toBuilder().retention(retention).build())) {
			assertThat(nightAs(simulator, 1, "2026-12-01")).isZero();

			// when
			assertThat(nightAs(simulator, 3, "2026-12-02")).isZero();
			int again = nightAs(simulator, 3, "2026-12-02", "--archive.rerun=true");

			// then: every event lost lies in a recorded window, each window from night 1 to about night 3's horizon
			Instant night1 = at(simulator, 1);
			Instant horizon = at(simulator, 3).minus(retention);
			List<Lost> lost = missing(simulator, night1.minus(retention), at(simulator, 3));
			assertThat(lost).isNotEmpty().allSatisfy((event) -> assertThat(event.at()).isBetween(night1, horizon));
			List<Map<String, Object>> gaps = rows("SELECT channel_id, after_at, before_at FROM livestation.event_gap");
			assertThat(gaps).hasSize(ACCOUNT.channels()).allSatisfy((gap) -> {
				assertThat(instant(gap.get("after_at"))).isEqualTo(night1);
				assertThat(instant(gap.get("before_at"))).isBetween(horizon, horizon.plus(Duration.ofHours(6)));
			});
			for (Lost event : lost) {
				assertThat(count("SELECT count(*) FROM livestation.event_gap WHERE channel_id = '" + event.channelId()
						+ "' AND after_at < '" + event.at() + "' AND before_at > '" + event.at() + "'"))
					.as("event of %s at %s lies in a recorded window", event.channelId(), event.at()).isOne();
			}
			assertThat(again).isZero();
			assertThat(rows("SELECT event_gaps FROM livestation.archive_run ORDER BY job_execution_id"))
				.extracting((r) -> r.get("event_gaps")).containsExactly(0L, (long) ACCOUNT.channels(), 0L);
			List<Map<String, Object>> report = rows(Files.readString(Path.of("db/reports/channels_with_gaps_in_their_history.sql")));
			assertThat(report).hasSize(ACCOUNT.channels()).allSatisfy((channel) -> {
				assertThat(channel).containsEntry("gaps", 1L).containsEntry("newest_gap_detected_run_date",
						java.sql.Date.valueOf("2026-12-02"));
				assertThat(instant(channel.get("newest_gap_after"))).isEqualTo(night1);
				assertThat(instant(channel.get("covered_through"))).isEqualTo(at(simulator, 3));
			});
			PackagedJar.Result health = PackagedJar.run("--spring.profiles.active=health", "--archive.run-date=2026-12-02");
			assertThat(health.exitCode()).as(health.output()).isEqualTo(ExitCodes.EVENTS_MAY_BE_LOST);
			assertThat(health.output()).contains("WARNING: the run for 2026-12-02 found 8 windows");
		}
	}

	@Test
	void aCappedListLeavesAGapWhereItsOlderEventsWereDropped() {
		// given: lists show their newest six events only; a busy day brings a dozen
		try (LiveStationSimulator simulator = start(ACCOUNT.toBuilder().eventsPerDay(12).maxEventsPerList(6).build())) {
			assertThat(night(simulator, 1)).isZero();

			// when
			assertThat(night(simulator, 2)).isZero();

			// then
			List<Lost> lost = missing(simulator, at(simulator, 1), at(simulator, 2));
			assertThat(lost).isNotEmpty();
			for (Lost event : lost) {
				assertThat(count("SELECT count(*) FROM livestation.event_gap WHERE channel_id = '" + event.channelId()
						+ "' AND after_at < '" + event.at() + "' AND before_at > '" + event.at() + "'"))
					.as("event of %s at %s lies in a recorded window", event.channelId(), event.at()).isOne();
			}
		}
	}

	@Test
	void anIdleChannelRaisesNoAlarmNightAfterNight() {
		// given: an account where most channels have nothing new most days
		SimulatorProperties quiet = ACCOUNT.toBuilder().channels(12).eventsPerDay(0.3).retention(Duration.ofDays(3))
			.build();
		try (LiveStationSimulator simulator = start(quiet)) {
			long emptyLists = 0;

			// when
			for (int night = 1; night <= 6; night++) {
				assertThat(night(simulator, night)).isZero();
				emptyLists += count("SELECT count(*) FROM livestation.event_coverage WHERE last_list_events = 0");
			}

			// then
			assertThat(emptyLists).as("idle channels' empty lists").isPositive();
			assertThat(count("SELECT count(*) FROM livestation.event_gap")).isZero();
			assertThat(missing(simulator, at(simulator, 1).minus(Duration.ofDays(3)), at(simulator, 6))).isEmpty();
		}
	}

	// events of the account's channels that happened in (from, to] and are not archived
	private static List<Lost> missing(LiveStationSimulator simulator, Instant from, Instant to) {
		Set<String> archived = new HashSet<>(rows("SELECT channel_id || '@' || (extract(epoch FROM occurred_at) * 1000)::bigint AS k"
				+ " FROM livestation.channel_event").stream().map((r) -> (String) r.get("k")).toList());
		List<Lost> lost = new ArrayList<>();
		for (SimulatedChannel channel : simulator.dataset().channelsAt(to.toEpochMilli())) {
			for (Iterator<SimulatedEvent> it = simulator.dataset().events(channel, to.toEpochMilli()); it.hasNext();) {
				SimulatedEvent event = it.next();
				if (event.timestamp() > from.toEpochMilli()
						&& !archived.contains(channel.channelId() + "@" + event.timestamp())) {
					lost.add(new Lost(channel.channelId(), Instant.ofEpochMilli(event.timestamp())));
				}
			}
		}
		return lost;
	}

	private static Instant instant(Object timestamp) {
		return ((java.sql.Timestamp) timestamp).toInstant();
	}

	private record Lost(String channelId, Instant at) {
	}

}
