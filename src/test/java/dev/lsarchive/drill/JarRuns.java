package dev.lsarchive.drill;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.lsarchive.simulator.LiveStationSimulator;
import dev.lsarchive.simulator.RequestHold;
import dev.lsarchive.support.CommandLine;
import dev.lsarchive.support.PackagedJar;
import dev.lsarchive.support.TestDatabase;

/** Launches the packaged job against a simulator of the test, and stops it at exact, chosen moments. */
final class JarRuns implements AutoCloseable {

	static final String RUN_DATE = "2026-11-20";

	// an advisory lock key of the drill's own, apart from the job's run locks; under 2^31, so that pg_locks
	// shows it whole as objid
	private static final long MOMENT_LOCK = 0x4D4F4D45L;

	// the drill's own connection: it holds the moments' lock and reads the database's state
	private final Connection watch;

	private final Statement statement;

	JarRuns() throws SQLException {
		this.watch = TestDatabase.get().connect();
		this.statement = this.watch.createStatement();
	}

	/** A running job process, its output going to a file (signals close a process's pipes). */
	record Launch(Process process, Path output) {

		int waitForExit() throws InterruptedException {
			if (!this.process.waitFor(3, TimeUnit.MINUTES)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("the job did not end within 3 minutes");
			}
			return this.process.exitValue();
		}

		String text() throws IOException {
			return Files.readString(this.output);
		}

	}

	Launch start(LiveStationSimulator simulator, String... extra) throws IOException {
		List<String> args = CommandLine.merge(List.of("--livestation.api.base-url=" + simulator.baseUrl(),
				"--livestation.api.allow-insecure-http=true", "--livestation.api.access-key=" + simulator.accessKey(),
				"--livestation.api.secret-key=" + simulator.secretKey(), "--livestation.api.initial-backoff=5ms",
				"--livestation.api.max-backoff=50ms", "--livestation.api.requests-per-second=10000",
				"--archive.run-date=" + RUN_DATE, "--archive.event-chunk-size=200", "--archive.page-size=10"), extra);
		Path output = Files.createTempFile("archive-run", ".log");
		Process process = new ProcessBuilder(PackagedJar.command(args.toArray(String[]::new)))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.directory(new File("."))
			.start();
		return new Launch(process, output);
	}

	/**
	 * An exact point of a run, armed before the launch: the process stops there (a request held by the
	 * simulator, a statement held by the database) until the drill has done what it came to do.
	 */
	interface Moment extends AutoCloseable {

		/** Waits until the launch stands at the moment; false when it ended without reaching it. */
		boolean awaitReached(Launch launch) throws Exception;

		/** Lets the run go on (after a kill: lets the simulator or the database drop what it held). */
		@Override
		void close() throws SQLException;

	}

	/** The {@code nth} API request of the launch whose path starts with {@code pathPrefix}, held by the simulator. */
	static Moment request(LiveStationSimulator simulator, String pathPrefix, int nth) {
		RequestHold hold = simulator.hold(pathPrefix, nth);
		return new Moment() {
			@Override
			public boolean awaitReached(Launch launch) throws InterruptedException {
				while (launch.process().isAlive()) {
					if (hold.awaitArrival(Duration.ofMillis(50))) {
						return true;
					}
				}
				return false;
			}

			@Override
			public void close() {
				hold.close();
			}
		};
	}

	/**
	 * The {@code nth} statement of the launch that inserts into {@code table} (a {@code COPY} of a
	 * chunk's events) or, with {@code queryLike}, that updates it with a matching query: held at its
	 * start by a statement trigger that waits on an advisory lock this drill holds.
	 */
	Moment heldStatement(String table, String operation, String queryLike, int nth) throws SQLException {
		this.statement.execute("CREATE SEQUENCE IF NOT EXISTS public.drill_moment_seq");
		this.statement.execute("ALTER SEQUENCE public.drill_moment_seq RESTART WITH 1");
		this.statement.execute("""
				CREATE OR REPLACE FUNCTION public.drill_moment() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF current_query() LIKE '%s' THEN
				    IF nextval('public.drill_moment_seq') = %d THEN
				      PERFORM pg_advisory_xact_lock_shared(%d);
				    END IF;
				  END IF;
				  RETURN NULL;
				END $$""".formatted(queryLike, nth, MOMENT_LOCK));
		this.statement.execute("SELECT pg_advisory_lock(" + MOMENT_LOCK + ")");
		this.statement.execute("CREATE TRIGGER drill_moment BEFORE " + operation + " ON " + table
				+ " FOR EACH STATEMENT EXECUTE FUNCTION public.drill_moment()");
		return new Moment() {
			@Override
			public boolean awaitReached(Launch launch) throws InterruptedException {
				// the held statement stays held: how soon it is seen does not change where the run stands
				while (launch.process().isAlive()) {
					// pg_locks shows the whole server's: a drill of another test database may wait on the same key
					if (count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
							+ " AND objid = " + MOMENT_LOCK
							+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0) {
						return true;
					}
					Thread.sleep(20);
				}
				return false;
			}

			// unlocked first: the held statement's transaction holds the table, which the trigger's drop waits for
			@Override
			public void close() throws SQLException {
				JarRuns.this.statement.execute("SELECT pg_advisory_unlock(" + MOMENT_LOCK + ")");
				JarRuns.this.statement.execute("DROP TRIGGER IF EXISTS drill_moment ON " + table);
			}
		};
	}

	long events() {
		return count("SELECT CASE WHEN to_regclass('livestation.channel_event') IS NULL THEN 0"
				+ " ELSE (SELECT count(*) FROM livestation.channel_event) END");
	}

	long count(String sql) {
		try (ResultSet result = this.statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			// relations appear while the first launch migrates: not yet there is "no"
			return 0;
		}
	}

	@Override
	public void close() throws SQLException {
		this.watch.close();
	}

}
