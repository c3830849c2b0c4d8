package dev.lsarchive.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.lsarchive.ArchiveApplication;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.reporting.ReportingRefresh;
import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.SimulatedChannel;
import dev.lsarchive.simulator.SimulatedDataset;
import dev.lsarchive.simulator.SimulatorProperties;

/**
 * The benchmark of nights ({@code --bench.scenario=nights}): the same sequence of simulated nights
 * run twice, on an empty archive and on an archive pre-filled with older history, night by night on
 * each in turn (so that the JVM's warming up favours neither), each night "at" the simulated
 * account's time. Prints every night's figures, then the time of every
 * reporting view's typical dashboard query and of every {@code db/reports} query on the big
 * archive, and last one {@code BENCH_NIGHTS …} line: a night's cost must not grow with the archive.
 */
class NightsBench implements ApplicationRunner {

	// both sequences see the very same account: same seed, same anchor
	private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

	private static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

	// the typical dashboard query of each reporting view, as docs/performance.md lists them
	private static final Map<String, String> VIEW_QUERIES = new LinkedHashMap<>();

	static {
		VIEW_QUERIES.put("daily_channel_events", """
				SELECT day, sum(events) FROM reporting.daily_channel_events
				WHERE day >= (SELECT max(day) FROM reporting.daily_channel_events) - 30 GROUP BY day ORDER BY day""");
		VIEW_QUERIES.put("publish_session", """
				SELECT channel_id, count(*), sum(duration_minutes) FROM reporting.publish_session
				WHERE started_at >= (SELECT max(started_at) FROM reporting.publish_session) - interval '30 days'
				GROUP BY channel_id""");
		VIEW_QUERIES.put("recording_session", """
				SELECT day, count(*), sum(duration_minutes) FROM reporting.recording_session
				WHERE started_at >= (SELECT max(started_at) FROM reporting.recording_session) - interval '30 days'
				GROUP BY day""");
		VIEW_QUERIES.put("channel_current", "SELECT * FROM reporting.channel_current");
		VIEW_QUERIES.put("channel_status_timeline", """
				SELECT * FROM reporting.channel_status_timeline WHERE valid_until >= now() - interval '30 days'""");
		VIEW_QUERIES.put("snapshot_inventory", """
				SELECT listed_day, count(*) FILTER (WHERE info_captured), count(*) FILTER (WHERE NOT info_captured)
				FROM reporting.snapshot_inventory GROUP BY listed_day""");
		VIEW_QUERIES.put("recording_file", """
				SELECT * FROM reporting.recording_file
				WHERE began_at >= (SELECT max(record_begin_at) FROM livestation.recording) - interval '30 days'""");
		VIEW_QUERIES.put("channel_coverage", "SELECT * FROM reporting.channel_coverage");
		VIEW_QUERIES.put("archive_health", "SELECT * FROM reporting.archive_health ORDER BY run_date DESC LIMIT 30");
	}

	private static final String LAST_RUN = """
			SELECT extract(epoch FROM finished_at - started_at), events_read, events_written, events_already_archived,
			       event_gaps, status
			FROM livestation.archive_run WHERE job_name = ? ORDER BY job_execution_id DESC LIMIT 1
			""";

	private final BenchProperties bench;

	private final Environment environment;

	NightsBench(BenchProperties bench, Environment environment) {
		this.bench = bench;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		SimulatorProperties account = SimulatorProperties.of(this.bench.nightsChannels(), 50).toBuilder()
			.snapshotShare(0.3)
			.noOddities()
			.eventsPerDay(this.bench.nightsEventsPerDay())
			.retention(this.bench.nightsRetention())
			// Live Station drops its copy of a recording after a while: the lists it answers stay the same size
			.recordingsKept(this.bench.nightsRetention())
			.threads(16)
			.build();
		say("Benchmark of nights: %d nights, %d channels, %.0f events per channel per day, retention %s,"
				+ " big archive pre-filled with %d events", this.bench.nights(), account.channels(),
				account.eventsPerDay(), this.bench.nightsRetention(), this.bench.prefillEvents());
		BenchDatabase small = BenchDatabase.create(this.environment);
		BenchDatabase big = BenchDatabase.create(this.environment);
		try {
			say("-- the big archive (database %s) pre-filled with older history; the empty one: %s", big.name(),
					small.name());
			migrate(big);
			prefill(big, account);
			// night by night on both archives in turn: the JVM that runs them warms up for both alike
			List<Night> onSmall = new ArrayList<>();
			List<Night> onBig = new ArrayList<>();
			nights(account, small, big, onSmall, onBig);
			long archiveEvents = archiveEvents(big);
			say("-- reporting views and db/reports on the big archive (%d events; median of 3, ms)", archiveEvents);
			long slowest = queries(big);
			double smallMedian = median(onSmall);
			double bigMedian = median(onBig);
			long gaps = Stream.concat(onSmall.stream(), onBig.stream()).mapToLong(Night::gaps).sum();
			say("BENCH_NIGHTS nights=%d archive_events=%d night_median_small_s=%.2f night_median_big_s=%.2f growth=%.2f"
					+ " slowest_view_ms=%d gaps=%d", this.bench.nights(), archiveEvents, smallMedian, bigMedian,
					bigMedian / smallMedian, slowest, gaps);
		}
		finally {
			if (!this.bench.keepDatabase()) {
				small.drop();
				big.drop();
			}
		}
	}

	private void nights(SimulatorProperties account, BenchDatabase small, BenchDatabase big, List<Night> onSmall,
			List<Night> onBig) throws Exception {
		try (LiveStationSimulator forSmall = new LiveStationSimulator(account, new SimulatedDataset(account, ANCHOR),
				Clock.systemUTC());
				LiveStationSimulator forBig = new LiveStationSimulator(account, new SimulatedDataset(account, ANCHOR),
						Clock.systemUTC())) {
			forSmall.acceptAccountClockSignatures();
			forBig.acceptAccountClockSignatures();
			say("%5s %-7s %8s %9s %9s %9s %9s %5s %14s", "night", "archive", "seconds", "requests", "listed", "new",
					"already", "gaps", "archive size");
			for (int night = 1; night <= this.bench.nights(); night++) {
				onSmall.add(night(forSmall, small, night, "empty"));
				onBig.add(night(forBig, big, night, "big"));
			}
		}
	}

	private Night night(LiveStationSimulator simulator, BenchDatabase database, int night, String archive)
			throws Exception {
		Instant at = simulator.dataset().liveFrom().plus(Duration.ofDays(night)).plus(Duration.ofHours(1));
		simulator.setTime(at);
		long requests = simulator.requests();
		archive(simulator, database, at, night);
		Night result = lastRun(database, simulator.requests() - requests);
		say("%5d %-7s %8.2f %9d %9d %9d %9d %5d %14d", night, archive, result.seconds(), result.requests(),
				result.listed(), result.added(), result.already(), result.gaps(), archiveEvents(database));
		return result;
	}

	private void archive(LiveStationSimulator simulator, BenchDatabase database, Instant at, int night) {
		List<String> args = BenchRunner.jobArguments(this.bench, simulator, database);
		args.addAll(List.of("--archive.run-date=" + at.atZone(ZONE).toLocalDate(), "--archive.time-zone=" + ZONE,
				"--logging.level.root=WARN",
				// with structured logs the job prints no summary table: the bench prints its own line per night
				"--logging.structured.format.console=ecs"));
		// the job's clock is the account's: it runs "at" the night it archives
		int exitCode = SpringApplication.exit(new SpringApplicationBuilder(ArchiveApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("clock", Clock.fixed(at, ZoneOffset.UTC)))
			.run(args.toArray(String[]::new)));
		if (exitCode != 0) {
			throw new IllegalStateException("night " + night + " failed with exit code " + exitCode);
		}
	}

	private static void migrate(BenchDatabase database) {
		List<String> arguments = new ArrayList<>(database.settings());
		arguments.addAll(List.of("--archive.run-on-startup=false", "--livestation.api.access-key=unused",
				"--livestation.api.secret-key=unused", "--logging.level.dev.lsarchive=WARN"));
		SpringApplication.exit(new SpringApplicationBuilder(ArchiveApplication.class).run(arguments.toArray(String[]::new)));
	}

	/**
	 * Older history for the account's own channels (so that every channel's history is deep), in the
	 * two years before the simulated one: generated in PostgreSQL, loaded without the key and keyed
	 * after, then counted into the reporting layer by the job's own refresh.
	 */
	private void prefill(BenchDatabase database, SimulatorProperties account) throws SQLException {
		long start = System.nanoTime();
		String[] channels = new SimulatedDataset(account, ANCHOR).channels().stream()
			.map(SimulatedChannel::channelId)
			.toArray(String[]::new);
		long perChannel = Math.max(1, this.bench.prefillEvents() / channels.length);
		Instant from = ANCHOR.minus(Duration.ofDays(90 + 730));
		long stepMillis = Duration.ofDays(730).toMillis() / perChannel;
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE livestation.channel_event DROP CONSTRAINT channel_event_pkey");
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO livestation.channel_event (event_key, channel_id, event_code, log_level, description,
					    occurred_at, timestamp_scaled, channel_source, archived_at)
					SELECT md5('prefill-' || g)::uuid, c.ids[1 + g % c.n], k.codes[1 + (g / c.n) % 8],
					       CASE WHEN (g / c.n) % 8 = 7 THEN 'ERROR' ELSE 'INFO' END, 'prefilled history event ' || g,
					       ?::timestamptz + (g / c.n) * (? * interval '1 millisecond'), false, 'event', now()
					FROM (SELECT ?::text[] AS ids, cardinality(?::text[]) AS n) c,
					     (SELECT ARRAY['PUBLISH_START', 'RTMP_MAIN_STREAM_ENABLED', 'ONAIR_START', 'THUMBNAIL_CREATE',
					                   'ONAIR_END', 'PUBLISH_END', 'STREAM_UPDATE', 'PUBLISH_OVER_THRESHOLD'] AS codes) k,
					     generate_series(0, ? - 1) g""")) {
				insert.setTimestamp(1, Timestamp.from(from));
				insert.setLong(2, stepMillis);
				insert.setArray(3, connection.createArrayOf("text", channels));
				insert.setArray(4, connection.createArrayOf("text", channels));
				insert.setLong(5, perChannel * channels.length);
				insert.executeUpdate();
			}
			statement.execute("ALTER TABLE livestation.channel_event ADD CONSTRAINT channel_event_pkey"
					+ " PRIMARY KEY (channel_id, occurred_at, event_key)");
			// counted by the job's own refresh, as after a first load
			statement.execute("UPDATE reporting.setting SET daily_counts_current = false, time_zone = '" + ZONE + "'");
			statement.execute("INSERT INTO reporting.session_stale (channel_id, since)"
					+ " SELECT DISTINCT channel_id, '-infinity'::timestamptz FROM livestation.channel_event");
		}
		// a connection per use: the refresh counts days and sessions side by side
		DriverManagerDataSource connections = new DriverManagerDataSource(database.url(), database.username(),
				database.password());
		new ReportingRefresh(new JdbcTemplate(connections), new DataSourceTransactionManager(connections)).refresh(ZONE);
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("VACUUM ANALYZE");
		}
		say("pre-filled %d events of older history for %d channels, counted into the reporting layer, in %.1f s",
				perChannel * channels.length, channels.length, (System.nanoTime() - start) / 1e9);
	}

	// every view's dashboard query and every report, three times each; prints the slowest's plan
	private static long queries(BenchDatabase database) throws Exception {
		Map<String, String> queries = new LinkedHashMap<>();
		VIEW_QUERIES.forEach((view, sql) -> queries.put("reporting." + view, sql));
		// the reports as the jar ships them, wherever the benchmark is started from
		Resource[] reports = new PathMatchingResourcePatternResolver().getResources("classpath:db/reports/*.sql");
		Arrays.sort(reports, Comparator.comparing(Resource::getFilename));
		for (Resource report : reports) {
			queries.put("db/reports/" + report.getFilename(), report.getContentAsString(StandardCharsets.UTF_8));
		}
		long slowest = 0;
		String slowestName = null;
		try (Connection connection = database.connect()) {
			for (Map.Entry<String, String> query : queries.entrySet()) {
				double[] ms = new double[3];
				long rows = 0;
				for (int i = 0; i < ms.length; i++) {
					long start = System.nanoTime();
					rows = rows(connection, query.getValue());
					ms[i] = (System.nanoTime() - start) / 1e6;
				}
				Arrays.sort(ms);
				say("%-55s %8.1f ms %9d rows", query.getKey(), ms[1], rows);
				if (ms[1] > slowest) {
					slowest = Math.round(ms[1]);
					slowestName = query.getKey();
				}
			}
			say("plan of the slowest, %s:", slowestName);
			try (Statement statement = connection.createStatement();
					ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + queries.get(slowestName))) {
				while (plan.next()) {
					say("  %s", plan.getString(1));
				}
			}
		}
		return slowest;
	}

	private static long rows(Connection connection, String sql) throws SQLException {
		long rows = 0;
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				rows++;
			}
		}
		return rows;
	}


	private static Night lastRun(BenchDatabase database, long requests) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(LAST_RUN)) {
			statement.setString(1, ArchiveProperties.Job.NIGHTLY.jobName());
			ResultSet result = statement.executeQuery();
			result.next();
			if (!"COMPLETED".equals(result.getString(6))) {
				throw new IllegalStateException("a night ended " + result.getString(6));
			}
			return new Night(result.getDouble(1), requests, result.getLong(2), result.getLong(3), result.getLong(4),
					result.getLong(5));
		}
	}

	private static long archiveEvents(BenchDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT coalesce(sum(events), 0) FROM reporting.daily_channel_events")) {
			result.next();
			return result.getLong(1);
		}
	}

	private static double median(List<Night> nights) {
		double[] seconds = nights.stream().mapToDouble(Night::seconds).sorted().toArray();
		return seconds[seconds.length / 2];
	}

	private static void say(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

	/**
	 * One night's figures.
	 *
	 * @param seconds the job execution's duration
	 * @param requests API requests it sent
	 * @param listed events its lists held
	 * @param added events it archived new
	 * @param already events it found archived already
	 * @param gaps windows of possible loss it found
	 */
	private record Night(double seconds, long requests, long listed, long added, long already, long gaps) {
	}

}
