package dev.lsarchive.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The health check's word on the callback receiver: silent until callbacks are used, then whether it keeps up. */
class CallbackHealthIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

	@BeforeAll
	static void archiveSchema() {
		TestDatabase.get().migrateTo("latest");
	}

	@BeforeEach
	void emptyArchive() {
		TestDatabase.get().reset();
	}

	@Test
	void saysNothingWhileNoCallbackWasEverReceived() {
		// given: events archived from the lists alone
		event("ls-busy", "2026-12-06T02:00:00Z");

		// when
		Checked checked = check();

		// then
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(checked.output()).isEmpty();
	}

	@Test
	void isSatisfiedWhileTheNewestCallbackIsWithinTheMarginOfTheBusiestChannelsNewestEvent() {
		// given
		busiest("ls-busy", "2026-12-06T02:00:00Z");
		event("ls-quiet", "2026-12-06T02:50:00Z");
		callback(1, "ls-busy", "2026-12-06T01:40:00Z");

		// when
		Checked checked = check();

		// then: the quiet channel's later event does not count, the busy one's is 20 minutes newer
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(checked.output()).isEqualTo("OK: the callback receiver's newest callback arrived at 2026-12-06T10:40:00+09:00\n");
	}

	@Test
	void warnsWhenTheReceiverFellBehindTheBusiestChannel() {
		// given
		busiest("ls-busy", "2026-12-06T02:00:00Z");
		callback(1, "ls-busy", "2026-12-05T20:00:00Z");

		// when
		Checked checked = check();

		// then
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(checked.output()).isEqualTo("WARNING: the callback receiver has fallen behind: its newest callback"
				+ " arrived at 2026-12-06T05:00:00+09:00, but channel ls-busy has an archived event of"
				+ " 2026-12-06T11:00:00+09:00; check that the receiver runs and that its URL is registered"
				+ " (--archive.job=register-callback)\n");
	}

	@Test
	void aReceiverWindowWithoutAnyCallbackCountsAsInUse() {
		// given
		busiest("ls-busy", "2026-12-06T02:00:00Z");
		jdbc().update("""
				INSERT INTO livestation.callback_receiver_window (receiver_id, up_from, up_through, callbacks)
				VALUES ('host-1', '2026-12-05T00:00:00Z', '2026-12-06T02:59:00Z', 0)
				""");

		// when
		Checked checked = check();

		// then
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.UNHEALTHY);
		assertThat(checked.output()).contains("it has received no callback");
	}

	private static Checked check() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		HealthCheck check = new HealthCheck(jdbc(), null, new PrintStream(out, true, StandardCharsets.UTF_8),
				Duration.ofHours(1), ZoneId.of("Asia/Seoul"), Clock.fixed(NOW, ZoneOffset.UTC));
		int exitCode = check.checkCallbacks();
		return new Checked(exitCode, out.toString(StandardCharsets.UTF_8));
	}

	// three events of the channel, the newest at {@code newest}: more than any other channel has
	private static void busiest(String channelId, String newest) {
		Instant at = Instant.parse(newest);
		for (int i = 0; i < 3; i++) {
			event(channelId, at.minus(Duration.ofHours(i)).toString());
		}
	}

	private static void event(String channelId, String occurredAt) {
		jdbc().update("""
				INSERT INTO livestation.channel_event (event_key, channel_id, event_code, occurred_at, channel_source)
				VALUES (gen_random_uuid(), ?, 'PUBLISH_START', ?::timestamptz, 'event')
				""", channelId, occurredAt);
	}

	private static void callback(long id, String channelId, String receivedAt) {
		jdbc().update("""
				INSERT INTO livestation.event_callback (event_id, channel_id, event_code, occurred_at, received_at,
				    last_received_at, receiver_id, payload)
				VALUES (?, ?, 'PUBLISH_START', ?::timestamptz, ?::timestamptz, ?::timestamptz, 'host-1', '{}')
				""", id, channelId, receivedAt, receivedAt, receivedAt);
	}

	private static JdbcTemplate jdbc() {
		TestDatabase database = TestDatabase.get();
		return new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
	}

	private record Checked(int exitCode, String output) {
	}

}
