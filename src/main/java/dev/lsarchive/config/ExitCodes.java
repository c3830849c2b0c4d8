package dev.lsarchive.config;

/** Process exit codes a scheduler can act on. */
public final class ExitCodes {

	/** The run completed (or the run date was already archived completely). */
	public static final int COMPLETED = 0;

	/** The run failed or was stopped; re-launching the same run date resumes it. */
	public static final int FAILED = 1;

	/** A setting is missing or invalid; nothing was done. */
	public static final int INVALID_CONFIGURATION = 2;

	/** Another process is archiving the same run date right now; nothing was done. */
	public static final int ALREADY_RUNNING = 3;

	/**
	 * Health check: the archive schema is missing or older than this version needs, last night's run
	 * did not complete, the archive has a gap of run dates, or captures stopped.
	 */
	public static final int UNHEALTHY = 4;

	/**
	 * Health check: last night's run completed, but found windows in which events may have been lost
	 * (new rows of {@code livestation.event_gap}): the API no longer showed what the archive held newest,
	 * and the callback receiver was not up throughout them (a window it covered is filled, not lost).
	 */
	public static final int EVENTS_MAY_BE_LOST = 5;

	/**
	 * The run failed for a reason a relaunch a little later is expected to fix (a serialization
	 * failure, a deadlock, a lost database connection, an API outage); re-launching resumes it. The
	 * value is sysexits' {@code EX_TEMPFAIL}, which schedulers know as "try again later".
	 */
	public static final int TRANSIENT_FAILURE = 75;

	private ExitCodes() {
	}

}
