package dev.lsarchive.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.nio.file.Path;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.annotation.Validated;

/**
 * What to archive and how.
 *
 * @param runDate the night to archive (YYYY-MM-DD); identifies the job instance. Default: yesterday in {@code timeZone}
 * @param timeZone business time zone: the default run date and the reporting day boundaries
 * @param maxQuarantineRatio largest share of quarantined records (0..1) with which a run still completes
 * @param rerun archive a run date again even though it already completed (a new job instance)
 * @param pageSize {@code pageSizeNo} of channel list requests (1..100)
 * @param listingRereads extra passes over the channel list when it drifts while being paged
 * @param channelChunkSize channels per transaction
 * @param eventChunkSize events per transaction
 * @param snapshotChunkSize snapshots per transaction
 * @param eventThreads requests in flight at once, for events, recordings, snapshots and re-stream channels' info (bounded further by the API rate budget)
 * @param eventPartitions partitions the channels are split into for the events and recordings steps
 * @param progressInterval how often a running step logs its progress
 * @param catchUpFrom archive every date from this one through {@code runDate}, in order, stopping at the first failure
 * @param summaryFile where to write the run summary as JSON (none when empty)
 * @param skipUnchangedEventLists skip parsing a channel's event list when it is byte for byte the last one archived
 * @param job which job a start runs: {@code nightly} (the archive of a run date), {@code snapshot-capture} or {@code callback-receiver} (the server that stores pushed events)
 * @param captureInterval how often snapshot captures are scheduled: a capture's time slot starts on a multiple of it
 * @param captureSlot the time slot a snapshot capture runs for (an instant, e.g. 2026-11-26T01:15:00Z); identifies its job instance. Default: now, rounded down to {@code captureInterval}
 * @param captureStaleAfter the health check warns when no snapshot capture has completed for this long (once any has run)
 * @param callbackGrace how long after its instant a pulled event's callback may still arrive: only older events are judged (once) for whether the callback receiver missed them
 */
@Validated
@ConfigurationProperties("archive")
public record ArchiveProperties(
		@Nullable LocalDate runDate,
		@NotNull @DefaultValue("Asia/Seoul") ZoneId timeZone,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.05") double maxQuarantineRatio,
		@DefaultValue("false") boolean rerun,
		@Min(1) @Max(100) @DefaultValue("100") int pageSize,
		@Min(0) @Max(20) @DefaultValue("3") int listingRereads,
		@Min(1) @Max(10_000) @DefaultValue("100") int channelChunkSize,
		@Min(1) @Max(100_000) @DefaultValue("2000") int eventChunkSize,
		@Min(1) @Max(10_000) @DefaultValue("100") int snapshotChunkSize,
		@Min(1) @Max(256) @DefaultValue("4") int eventThreads,
		@Min(1) @Max(4096) @DefaultValue("8") int eventPartitions,
		@NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration progressInterval,
		@Nullable LocalDate catchUpFrom,
		@Nullable Path summaryFile,
		@DefaultValue("true") boolean skipUnchangedEventLists,
		@NotNull @DefaultValue("nightly") Job job,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("15m") Duration captureInterval,
		@Nullable Instant captureSlot,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("1h") Duration captureStaleAfter,
		@NotNull @DurationMin(millis = 0) @DefaultValue("15m") Duration callbackGrace) {

	public ArchiveProperties {
		if (catchUpFrom != null && runDate != null && catchUpFrom.isAfter(runDate)) {
			throw new IllegalArgumentException(catchUpAfter(catchUpFrom, runDate));
		}
	}

	/** The jobs a start can run, each with the one name Spring Batch and the ledger know it by. */
	public enum Job {

		/** The nightly archive of a run date: channels, events, snapshots, recordings, reporting. */
		NIGHTLY("archiveJob"),
		/** A snapshot capture: the info of every listed snapshot not archived yet, within its hour. */
		SNAPSHOT_CAPTURE("snapshotCaptureJob"),
		/** Registers {@code archive.callback.url} with Live Station (no Spring Batch job: nothing is archived). */
		REGISTER_CALLBACK("registerCallback"),
		/**
		 * The callback receiver: a long-running server that stores the events Live Station pushes; not a
		 * Spring Batch job (no ledger row carries its name).
		 */
		CALLBACK_RECEIVER("callbackReceiver");

		/** The setting that chooses the job. */
		public static final String PROPERTY = "archive.job";

		private final String jobName;

		Job(String jobName) {
			this.jobName = jobName;
		}

		/** The Spring Batch job's name, which its runs carry in {@code livestation.archive_run.job_name}. */
		public String jobName() {
			return this.jobName;
		}

		/**
		 * Whether {@code args}, the environment variables and the system properties choose this job; a start
		 * that names no job that way is told so without building an environment (an invalid name is not this
		 * job: the settings check of the ordinary start tells it in one line).
		 */
		public boolean chosenBy(String[] args) {
			boolean mentioned = System.getenv("ARCHIVE_JOB") != null || System.getProperty(PROPERTY) != null;
			for (String arg : args) {
				mentioned |= arg.toLowerCase(Locale.ROOT).contains("job");
			}
			if (!mentioned) {
				return false;
			}
			try {
				StandardEnvironment environment = new StandardEnvironment();
				environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
				ConfigurationPropertySources.attach(environment);
				return Binder.get(environment).bind(PROPERTY, Job.class).map(this::equals).orElse(false);
			}
			catch (BindException | IllegalArgumentException invalid) {
				// an argument that is no argument, or a job of no such name: the ordinary start tells it
				return false;
			}
		}

	}

	/** The configured capture slot, or the current one: now rounded down to the capture interval. */
	public Instant effectiveCaptureSlot(Clock clock) {
		if (this.captureSlot != null) {
			return this.captureSlot;
		}
		long interval = this.captureInterval.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(clock.millis(), interval) * interval);
	}

	/** The configured run date, or yesterday in the business time zone. */
	public LocalDate effectiveRunDate(Clock clock) {
		return (this.runDate != null) ? this.runDate : LocalDate.now(clock.withZone(this.timeZone)).minusDays(1);
	}

	/**
	 * The run dates to archive, oldest first: the run date alone, or every date since {@code catchUpFrom}.
	 * Refused ({@link SettingsRefusedException}) when the run date has not begun in the time zone by
	 * {@code clock}, the job's: it would be recorded as done before it was over, and its own scheduled run
	 * would then find nothing to do; or when {@code catchUpFrom} comes after it.
	 */
	public List<LocalDate> runDates(Clock clock) {
		LocalDate last = effectiveRunDate(clock);
		LocalDate today = LocalDate.now(clock.withZone(this.timeZone));
		if (last.isAfter(today)) {
			throw new SettingsRefusedException(List.of("archive.run-date=" + last + " has not begun yet in "
					+ this.timeZone + " (it is " + today + " there): a night is archived once it is over, as the"
					+ " default, yesterday, is; " + SettingAdvice.howToSet("archive.run-date")));
		}
		if (this.catchUpFrom == null) {
			return List.of(last);
		}
		if (this.catchUpFrom.isAfter(last)) {
			throw new SettingsRefusedException(List.of(catchUpAfter(this.catchUpFrom, last)));
		}
		return this.catchUpFrom.datesUntil(last.plusDays(1)).toList();
	}

	// the one refusal of a catch-up that would start after the night it ends with, given or by default
	private static String catchUpAfter(LocalDate catchUpFrom, LocalDate runDate) {
		return "archive.catch-up-from=" + catchUpFrom + " is after the run date " + runDate
				+ ": catching up runs from it through the run date; " + SettingAdvice.howToSet("archive.catch-up-from");
	}

}
