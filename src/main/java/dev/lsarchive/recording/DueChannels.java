package dev.lsarchive.recording;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.SummaryNote;

/**
 * The channels due for their recordings ({@link RecordingReader#DUE}), found once when the recordings
 * step starts and shared by its partitions: each partition asking the database the same question over
 * every channel cost as many scans of the recording events as there are partitions (about 0.1 s each
 * on the benchmark's million events, most of a re-run's recordings step). The partitions' channels are
 * disjoint and no event is written while they run, so the answer at the step's start is each
 * partition's answer too. A restarted step starts again, and asks again.
 */
final class DueChannels implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(DueChannels.class);

	private final JdbcTemplate jdbc;

	// by job execution: the recordings step of each execution running in this process
	private final Map<Long, List<RecordingReader.Due>> found = new ConcurrentHashMap<>();

	DueChannels(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution step) {
		List<RecordingReader.Due> due = RecordingReader.due(this.jdbc);
		this.found.put(step.getJobExecutionId(), due);
		log.info("Recordings: {} can have new or changed recordings", SummaryNote.count(due.size(), "channel", "channels"));
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		this.found.remove(step.getJobExecutionId());
		return null;
	}

	/** The channels due in {@code jobExecutionId}, as its step found them (or now, for a partition run alone). */
	List<RecordingReader.Due> of(long jobExecutionId) {
		List<RecordingReader.Due> due = this.found.get(jobExecutionId);
		return (due != null) ? due : RecordingReader.due(this.jdbc);
	}

}
