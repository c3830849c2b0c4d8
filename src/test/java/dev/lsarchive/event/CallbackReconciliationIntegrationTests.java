package dev.lsarchive.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedEvent;
import dev.lsarchive.simulator.SimulatorProperties;
import dev.lsarchive.support.ArchiveTables;
import dev.lsarchive.support.TestDatabase;

import static dev.lsarchive.support.AccountNights.at;
import static dev.lsarchive.support.AccountNights.night;
import static dev.lsarchive.support.AccountNights.nightAs;
import static dev.lsarchive.support.AccountNights.start;
import static dev.lsarchive.support.ArchiveTables.count;
import static dev.lsarchive.support.ArchiveTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callbacks step on the time-aware simulator: callbacks (seeded as the receiver stores them) are
 * matched to the pulled events, archived where no list showed them, wait while no list covers them;
 * windows of possible loss are filled where a receiver was up throughout; events a receiver missed
 * are counted once.
 */
class CallbackReconciliationIntegrationTests {

	private static final SimulatorProperties ACCOUNT = SimulatorProperties.of(8, 20).toBuilder()
		.snapshotShare(0)
		.noOddities()
		.eventsPerDay(6)
		.build();

	private static final String RECEIVER = "receiver-a";

	private long nextEventId = 1_000;

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void callbacksAreMatchedByCountAndEachIdLandsOnOneEvent() throws SQLException {
		// given: night 1 archived; the callbacks of every event through it, and one instant at which the
		// lists showed two alike events (descriptions differ) while three callbacks came
		try (LiveStationSimulator simulator = start(ACCOUNT)) {
			assertThat(night(simulator, 1)).isZero();
			long pulled = count("SELECT count(*) FROM livestation.channel_event");
			Map<String, Object> alike = rows("SELECT channel_id, event_code, log_level, occurred_at, event_key"
					+ " FROM livestation.channel_event ORDER BY channel_id, occurred_at LIMIT 1").get(0);
			ArchiveTables.rows("INSERT INTO livestation.channel_event (event_key, channel_id, event_code, log_level,"
					+ " description, occurred_at, channel_source) VALUES (?, ?, ?, ?, 'the same, said otherwise', ?,"
					+ " 'event') RETURNING event_key", UUID.randomUUID(), alike.get("channel_id"), alike.get("event_code"),
					alike.get("log_level"), alike.get("occurred_at"));
			int callbacks = seedCallbacks(simulator, Instant.EPOCH, at(simulator, 1), (event) -> true);
			for (int more = 0; more < 2; more++) {
				seedCallback(nextEventId++, (String) alike.get("channel_id"), (String) alike.get("event_code"),
						(String) alike.get("log_level"), ((Timestamp) alike.get("occurred_at")).toInstant());
			}

			// when
			assertThat(night(simulator, 2)).isZero();
			String afterNight = ArchiveTables.contentChecksum() + callbacksState();
			assertThat(night(simulator, 2, "--archive.rerun=true")).isZero();

			// then: every pulled event of night 1 carries its id, the alike pair two ids, and the third
			// callback of that instant is an event of its own
			assertThat(callbacks).isEqualTo(pulled);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_id IS NOT NULL"
					+ " AND event_source = 'list'")).isEqualTo(pulled + 1);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE channel_id = ? AND occurred_at = ?"
					+ " AND event_id IS NOT NULL", alike.get("channel_id"), alike.get("occurred_at"))).isEqualTo(3);
			assertThat(rows("SELECT event_source, channel_source, description IS NULL AS no_description"
					+ " FROM livestation.channel_event WHERE event_source = 'callback'"))
				.containsExactly(Map.of("event_source", "callback", "channel_source", "callback", "no_description", true));
			assertThat(count("SELECT count(*) FROM livestation.event_callback WHERE reconciliation = 'MATCHED'"))
				.isEqualTo(pulled + 1);
			assertThat(count("SELECT count(*) FROM livestation.event_callback WHERE reconciliation = 'ARCHIVED'"))
				.isOne();
			assertThat(count("SELECT count(*) FROM livestation.event_callback c WHERE NOT EXISTS (SELECT 1 FROM"
					+ " livestation.channel_event e WHERE e.event_id = c.event_id)")).as("every id on one event").isZero();
			assertThat(count("SELECT count(*) - count(DISTINCT event_id) FROM livestation.channel_event"
					+ " WHERE event_id IS NOT NULL")).isZero();
			assertThat(ledger("callbacks.matched")).containsExactly(0L, pulled + 1, 0L);
			assertThat(ledger("callbacks.archived")).containsExactly(0L, 1L, 0L);
			assertThat(ArchiveTables.contentChecksum() + callbacksState()).as("the re-run changed nothing")
				.isEqualTo(afterNight);
		}
	}

	@Test
	void whatNoListShowedIsArchivedFromCallbacksAndTheGapTheReceiverCoveredIsFilled() throws SQLException {
		// given: lists keep a day and a half, night 2 is missed; a receiver was up from before night 1
		// until after night 3 and stored every event's callback
		Duration retention = Duration.ofHours(36);
		try (LiveStationSimulator simulator = start(ACCOUNT.toBuilder().retention(retention).build())) {
			assertThat(nightAs(simulator, 1, "2026-12-01")).isZero();
			seedWindow(RECEIVER, at(simulator, 1).minus(Duration.ofHours(1)), at(simulator, 3).plus(Duration.ofHours(1)));
			seedCallbacks(simulator, at(simulator, 1).minus(Duration.ofHours(1)), at(simulator, 3), (event) -> true);

			// when
			assertThat(nightAs(simulator, 3, "2026-12-02")).isZero();

			// then: the windows are recorded and filled, and the archive holds every event again
			long gaps = count("SELECT count(*) FROM livestation.event_gap");
			assertThat(gaps).isEqualTo(ACCOUNT.channels());
			assertThat(count("SELECT count(*) FROM livestation.event_gap WHERE filled_at IS NOT NULL")).isEqualTo(gaps);
			long fromCallbacks = count("SELECT count(*) FROM livestation.channel_event WHERE event_source = 'callback'");
			assertThat(fromCallbacks).isPositive();
			assertThat(count("SELECT count(*) FROM livestation.channel_event e JOIN livestation.event_gap g"
					+ " ON g.channel_id = e.channel_id AND e.occurred_at BETWEEN g.after_at AND g.before_at"
					+ " WHERE e.event_source = 'callback'")).as("archived from callbacks: inside the windows")
				.isEqualTo(fromCallbacks);
			assertThat(missing(simulator, at(simulator, 1).minus(retention), at(simulator, 3))).isEmpty();
			assertThat(count("SELECT count(*) FROM livestation.event_callback WHERE reconciled_at IS NULL")).isZero();
			assertThat(ledger("gaps.filled")).containsExactly(0L, gaps);
			assertThat(ledger("gaps.found_and_filled")).as("found by the run that filled them").containsExactly(0L, gaps);
			assertThat(ledger("callbacks.archived")).containsExactly(0L, fromCallbacks);
			assertThat(ledger("events.missed_by_receiver")).containsExactly(0L, 0L);
			assertThat(rows("SELECT sum(gaps_filled) AS filled, sum(events_from_callbacks) AS archived,"
					+ " sum(events_missed_by_receiver) AS missed FROM reporting.channel_coverage"))
				.containsExactly(Map.of("filled", java.math.BigDecimal.valueOf(gaps), "archived",
						java.math.BigDecimal.valueOf(fromCallbacks), "missed", java.math.BigDecimal.ZERO));
			assertThat(rows("SELECT event_gaps, event_gaps_filled, callbacks_archived FROM reporting.archive_health"
					+ " WHERE run_date = '2026-12-02'"))
				.containsExactly(Map.of("event_gaps", gaps, "event_gaps_filled", gaps, "callbacks_archived", fromCallbacks));
			assertThat(dayCountsDifferingFromARecount()).as("callback events counted by day as pulled ones").isZero();
			assertThat(ArchiveTables.sessionsDifferingFromARecount()).isZero();
		}
	}

	@Test
	void aStepThatFailsMidwayResumesWithoutLosingOrDoublingAnything() throws SQLException {
		// given: the gap night above, reconciled three channels per transaction, and the second
		// transaction failing once
		Duration retention = Duration.ofHours(36);
		try (LiveStationSimulator simulator = start(ACCOUNT.toBuilder().retention(retention).build())) {
			assertThat(nightAs(simulator, 1, "2026-12-01")).isZero();
			seedWindow(RECEIVER, at(simulator, 1).minus(Duration.ofHours(1)), at(simulator, 3).plus(Duration.ofHours(1)));
			int callbacks = seedCallbacks(simulator, at(simulator, 1).minus(Duration.ofHours(1)), at(simulator, 3),
					(event) -> true);
			String fifth = (String) rows("SELECT channel_id FROM livestation.channel ORDER BY channel_id OFFSET 4 LIMIT 1")
				.get(0).get("channel_id");
			execute("CREATE FUNCTION livestation.injected_failure() RETURNS trigger LANGUAGE plpgsql AS"
					+ " $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
			execute("CREATE TRIGGER injected_failure BEFORE UPDATE ON livestation.event_coverage FOR EACH ROW"
					+ " WHEN (NEW.channel_id = '" + fifth + "' AND NEW.receiver_checked_through IS DISTINCT FROM"
					+ " OLD.receiver_checked_through) EXECUTE FUNCTION livestation.injected_failure()");

			// when
			int failed = nightAs(simulator, 3, "2026-12-02", "--archive.channel-chunk-size=3");
			long reconciledBeforeTheRestart = count(
					"SELECT count(*) FROM livestation.event_callback WHERE reconciled_at IS NOT NULL");
			execute("DROP TRIGGER injected_failure ON livestation.event_coverage");
			execute("DROP FUNCTION livestation.injected_failure()");
			int resumed = nightAs(simulator, 3, "2026-12-02", "--archive.channel-chunk-size=3");

			// then: the first transaction's work was kept, the rest done once, and the ledger counts each once
			assertThat(failed).isNotZero();
			assertThat(resumed).isZero();
			assertThat(reconciledBeforeTheRestart).isPositive().isLessThan(callbacks);
			long matched = count("SELECT count(*) FROM livestation.event_callback WHERE reconciliation = 'MATCHED'");
			long archived = count("SELECT count(*) FROM livestation.event_callback WHERE reconciliation = 'ARCHIVED'");
			assertThat(matched + archived).isEqualTo(callbacks);
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_source = 'callback'"))
				.isEqualTo(archived);
			assertThat(count("SELECT count(*) FROM livestation.event_gap WHERE filled_at IS NOT NULL"))
				.isEqualTo(ACCOUNT.channels());
			assertThat(ledger("callbacks.matched").get(2)).isEqualTo(matched);
			assertThat(ledger("callbacks.archived").get(2)).isEqualTo(archived);
			assertThat(ledger("gaps.filled").get(2)).isEqualTo(ACCOUNT.channels());
			assertThat(missing(simulator, at(simulator, 1).minus(retention), at(simulator, 3))).isEmpty();
			assertThat(dayCountsDifferingFromARecount()).isZero();
		}
	}

	@Test
	void aReceiverRestartedInsideTheWindowLeavesItUnfilled() throws SQLException {
		// given: as above, but the receiver was down for five minutes half a day after night 1
		Duration retention = Duration.ofHours(36);
		try (LiveStationSimulator simulator = start(ACCOUNT.toBuilder().retention(retention).build())) {
			assertThat(nightAs(simulator, 1, "2026-12-01")).isZero();
			Instant down = at(simulator, 1).plus(Duration.ofHours(12));
			Instant up = down.plus(Duration.ofMinutes(5));
			seedWindow(RECEIVER, at(simulator, 1).minus(Duration.ofHours(1)), down);
			seedWindow("receiver-a-restarted", up, at(simulator, 3).plus(Duration.ofHours(1)));
			seedCallbacks(simulator, at(simulator, 1).minus(Duration.ofHours(1)), at(simulator, 3),
					(event) -> event.timestamp() <= down.toEpochMilli() || event.timestamp() >= up.toEpochMilli());

			// when
			assertThat(nightAs(simulator, 3, "2026-12-02")).isZero();

			// then: what the receiver stored is archived, but no window is filled
			assertThat(count("SELECT count(*) FROM livestation.event_gap")).isEqualTo(ACCOUNT.channels());
			assertThat(count("SELECT count(*) FROM livestation.event_gap WHERE filled_at IS NOT NULL")).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_source = 'callback'"))
				.isPositive();
			assertThat(missing(simulator, at(simulator, 1).minus(retention), at(simulator, 3)))
				.allSatisfy((lost) -> assertThat(lost.at()).isBetween(down, up));
			assertThat(ledger("gaps.filled")).containsExactly(0L, 0L);
		}
	}

	@Test
	void eventsTheReceiverMissedAreCountedOnceAndUncoveredCallbacksWait() throws SQLException {
		// given: a receiver up for the two days around night 1 that missed three events older than the
		// grace; callbacks of the hours after night 1's lists were read, which no list covers yet
		try (LiveStationSimulator simulator = start(ACCOUNT)) {
			Instant from = at(simulator, 1).minus(Duration.ofDays(1));
			seedWindow(RECEIVER, from, at(simulator, 2));
			List<SimulatedEvent> inWindow = events(simulator, from, at(simulator, 1).minus(Duration.ofHours(1)));
			Set<SimulatedEvent> missedOnes = Set.of(inWindow.get(0), inWindow.get(inWindow.size() / 2),
					inWindow.get(inWindow.size() - 1));
			seedCallbacks(simulator, from, at(simulator, 2), (event) -> !missedOnes.contains(event));
			long uncovered = count("SELECT count(*) FROM livestation.event_callback WHERE occurred_at > ?",
					Timestamp.from(at(simulator, 1)));

			// when: night 1, the same night again, then one missed callback arrives late, then night 2
			assertThat(night(simulator, 1)).isZero();
			assertThat(night(simulator, 1, "--archive.rerun=true")).isZero();
			SimulatedEvent late = missedOnes.iterator().next();
			seedCallback(nextEventId++, late.channelId(), late.eventCode(), late.logLevel(),
					Instant.ofEpochMilli(late.timestamp()));
			assertThat(night(simulator, 2)).isZero();

			// then
			assertThat(uncovered).isPositive();
			assertThat(ledger("callbacks.waiting")).containsExactly(uncovered, uncovered, 0L);
			assertThat(ledger("events.missed_by_receiver")).as("counted once, when judged").containsExactly(3L, 0L, 0L);
			assertThat(count("SELECT sum(events_missed_by_receiver) FROM livestation.event_coverage")).isEqualTo(3);
			assertThat(ledger("callbacks.matched").get(2)).as("the late one and those that waited")
				.isEqualTo(uncovered + 1);
			assertThat(count("SELECT count(*) FROM livestation.event_callback WHERE reconciled_at IS NULL")).isZero();
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_source = 'callback'")).isZero();
			assertThat(rows("SELECT events_missed_by_receiver FROM reporting.archive_health ORDER BY run_date"))
				.extracting((row) -> row.get("events_missed_by_receiver")).containsExactly(0L, 0L);
		}
	}

	@Test
	void anEventAListShowedOnlyAfterItsCallbackWasArchivedIsHeldOnce() throws SQLException {
		// given: night 1 archived; then one of its publish events taken out as if night 1's list had not shown it
		// (its day counted again, its sessions marked), and its callback stored by the receiver
		try (LiveStationSimulator simulator = start(ACCOUNT)) {
			assertThat(night(simulator, 1)).isZero();
			Map<String, Object> lagged = rows("SELECT channel_id, event_code, log_level, occurred_at, event_key, description"
					+ " FROM livestation.channel_event WHERE event_code IN ('PUBLISH_START', 'PUBLISH_END')"
					+ " AND occurred_at < ? ORDER BY occurred_at DESC, channel_id LIMIT 1",
					Timestamp.from(at(simulator, 1).minus(Duration.ofHours(1)))).get(0);
			Object channel = lagged.get("channel_id");
			Object instant = lagged.get("occurred_at");
			rows("DELETE FROM livestation.channel_event WHERE channel_id = ? AND occurred_at = ? AND event_key = ?"
					+ " RETURNING event_key", channel, instant, lagged.get("event_key"));
			execute("DELETE FROM reporting.daily_channel_events");
			execute("INSERT INTO reporting.daily_channel_events (day, channel_id, event_code, log_level, events) "
					+ DAY_RECOUNT);
			rows("INSERT INTO reporting.session_stale (channel_id, since) VALUES (?, ?) ON CONFLICT (channel_id)"
					+ " DO UPDATE SET since = least(reporting.session_stale.since, excluded.since) RETURNING channel_id",
					channel, instant);
			long id = nextEventId++;
			seedCallback(id, (String) channel, (String) lagged.get("event_code"), (String) lagged.get("log_level"),
					((Timestamp) instant).toInstant());

			// when: night 1 again, whose unchanged lists still do not show the event (it is archived from its
			// callback), then night 2, whose list shows it, and night 2 again
			assertThat(night(simulator, 1, "--archive.rerun=true")).isZero();
			long copies = count("SELECT count(*) FROM livestation.channel_event WHERE event_source = 'callback'");
			assertThat(night(simulator, 2)).isZero();
			String afterNight = ArchiveTables.contentChecksum() + callbacksState();
			assertThat(night(simulator, 2, "--archive.rerun=true")).isZero();

			// then: held once, as the list shows it, with the callback's id; counted once by day and in the sessions
			assertThat(copies).isOne();
			assertThat(rows("SELECT event_source, event_id, event_key, description IS NOT DISTINCT FROM ?::text AS as_listed"
					+ " FROM livestation.channel_event WHERE channel_id = ? AND occurred_at = ? AND event_code = ?",
					lagged.get("description"), channel, instant, lagged.get("event_code")))
				.containsExactly(Map.of("event_source", "list", "event_id", id, "event_key", lagged.get("event_key"),
						"as_listed", true));
			assertThat(count("SELECT count(*) FROM livestation.channel_event WHERE event_source = 'callback'")).isZero();
			assertThat(rows("SELECT reconciliation FROM livestation.event_callback WHERE event_id = ?", id))
				.containsExactly(Map.of("reconciliation", "MATCHED"));
			assertThat(ledger("callbacks.archived")).containsExactly(0L, 1L, 0L, 0L);
			assertThat(ledger("callbacks.matched_late")).containsExactly(0L, 0L, 1L, 0L);
			assertThat(dayCountsDifferingFromARecount()).isZero();
			assertThat(ArchiveTables.sessionsDifferingFromARecount()).isZero();
			assertThat(ArchiveTables.contentChecksum() + callbacksState()).as("the re-run changed nothing")
				.isEqualTo(afterNight);
		}
	}

	// a counter of every execution of the ledger, oldest first
	private static List<Long> ledger(String key) {
		return rows("SELECT coalesce((counts ->> ?)::bigint, 0) AS n FROM livestation.archive_run"
				+ " ORDER BY job_execution_id", key).stream().map((row) -> (Long) row.get("n")).toList();
	}

	private static String callbacksState() {
		return rows("SELECT md5(string_agg(concat_ws('|', event_id, reconciliation, reconciled_at), ',' ORDER BY event_id))"
				+ " || (SELECT md5(string_agg(concat_ws('|', channel_id, after_at, filled_at), ',' ORDER BY channel_id, after_at))"
				+ " FROM livestation.event_gap) AS s FROM livestation.event_callback").get(0).toString();
	}

	// the account's events in (from, to], oldest first per channel
	private static List<SimulatedEvent> events(LiveStationSimulator simulator, Instant from, Instant to) {
		List<SimulatedEvent> events = new ArrayList<>();
		for (SimulatedChannel channel : simulator.dataset().channelsAt(to.toEpochMilli())) {
			for (Iterator<SimulatedEvent> it = simulator.dataset().events(channel, to.toEpochMilli()); it.hasNext();) {
				SimulatedEvent event = it.next();
				if (event.timestamp() > from.toEpochMilli()) {
					events.add(event);
				}
			}
		}
		return events;
	}

	// the receiver's rows for the events in (from, to] that pass the filter: how many
	private int seedCallbacks(LiveStationSimulator simulator, Instant from, Instant to, Predicate<SimulatedEvent> stored)
			throws SQLException {
		int seeded = 0;
		for (SimulatedEvent event : events(simulator, from, to)) {
			if (stored.test(event)) {
				seedCallback(this.nextEventId++, event.channelId(), event.eventCode(), event.logLevel(),
						Instant.ofEpochMilli(event.timestamp()));
				seeded++;
			}
		}
		return seeded;
	}

	private static void seedCallback(long eventId, String channelId, String code, String level, Instant at)
			throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO livestation.event_callback (event_id, channel_id, event_code, log_level, occurred_at,
						    received_at, last_received_at, receiver_id, payload)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb)
						""")) {
			Timestamp received = Timestamp.from(at.plusSeconds(2));
			insert.setLong(1, eventId);
			insert.setString(2, channelId);
			insert.setString(3, code);
			insert.setString(4, level);
			insert.setTimestamp(5, Timestamp.from(at));
			insert.setTimestamp(6, received);
			insert.setTimestamp(7, received);
			insert.setString(8, RECEIVER);
			insert.executeUpdate();
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void seedWindow(String receiver, Instant from, Instant through) {
		rows("INSERT INTO livestation.callback_receiver_window (receiver_id, up_from, up_through) VALUES (?, ?, ?)"
				+ " RETURNING receiver_id", receiver, Timestamp.from(from), Timestamp.from(through));
	}

	private static final String DAY_RECOUNT = "SELECT (e.occurred_at AT TIME ZONE s.time_zone)::date, e.channel_id,"
			+ " e.event_code, e.log_level, count(*) FROM livestation.channel_event e CROSS JOIN reporting.setting s"
			+ " GROUP BY 1, 2, 3, 4";

	private static long dayCountsDifferingFromARecount() {
		String kept = "SELECT day, channel_id, event_code, log_level, events FROM reporting.daily_channel_events";
		return count("SELECT count(*) FROM ((" + kept + ") EXCEPT ALL (" + DAY_RECOUNT + ")) d")
				+ count("SELECT count(*) FROM ((" + DAY_RECOUNT + ") EXCEPT ALL (" + kept + ")) d");
	}

	// events of the account's channels that happened in (from, to] and are not archived
	private static List<Lost> missing(LiveStationSimulator simulator, Instant from, Instant to) {
		Set<String> archived = new HashSet<>(rows("SELECT channel_id || '@' || (extract(epoch FROM occurred_at) * 1000)::bigint AS k"
				+ " FROM livestation.channel_event").stream().map((r) -> (String) r.get("k")).toList());
		List<Lost> lost = new ArrayList<>();
		for (SimulatedEvent event : events(simulator, from, to)) {
			if (!archived.contains(event.channelId() + "@" + event.timestamp())) {
				lost.add(new Lost(event.channelId(), Instant.ofEpochMilli(event.timestamp())));
			}
		}
		return lost;
	}

	private record Lost(String channelId, Instant at) {
	}

}
