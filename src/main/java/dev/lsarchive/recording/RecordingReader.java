package dev.lsarchive.recording;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.RecordingDto;
import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.normalize.SessionEvents;

/**
 * Reads the recordings of one partition's channels among those that can have new or changed ones
 * (an item: one channel's list, or a few channels' unfinished recordings, below). A channel is asked when
 * <ul>
 * <li>an {@code ONAIR_START} or {@code ONAIR_END} event newer than the last time it was asked is
 * archived (a recording began or ended since), or</li>
 * <li>it has a recording not in a final status ({@link RecordingRow#FINAL_STATUSES}): an upload may
 * have finished or failed since, unless the API answered "not found" for the channel when last
 * asked.</li>
 * </ul>
 * Every other channel cannot have a new or changed recording, so no request is spent on it. The
 * choice is made when the step opens, from the archive's events and recordings and the step's own
 * marks ({@code livestation.recording_check}).
 * <p>
 * A channel due for its unfinished recordings alone (no new recording event) is asked for those
 * recordings one by one ({@code GET …/records/{recordId}}) when it has at most
 * {@link #ONE_BY_ONE_AT_MOST} of them: without a recording event no recording began or ended, and a
 * recording in a final status changes no more, so only the unfinished ones can differ from what is
 * archived, while its list would carry every recording the channel kept (a hundred, of which one is
 * on air). A recording the API does not know (gone, or its channel gone) falls back to the list, which
 * tells the two apart.
 * <p>
 * An item is the answers of one channel asked for its list, or of up to {@link #ONE_BY_ONE_PER_ITEM}
 * consecutive channels asked one by one (the last of them possibly asked for its list instead): an
 * item holds at most one list, so a chunk holds no more lists than it holds items, while the few
 * recordings of the channels asked one by one (a night's usual answers) share a transaction, its
 * statements and its commit.
 * <p>
 * Partition {@code p} of {@code n} takes the due channels whose id hashes to {@code p} modulo
 * {@code n}: the due set shrinks as channels are asked, so a channel's partition follows from its id
 * alone, never from its place among the due (a restarted partition would otherwise take channels of
 * one that already completed). A partition asks its channels in id order and saves on every commit
 * the last channel it asked: restarted, it asks only the due channels after it, so that a channel
 * still due because of an unfinished recording is not asked, nor counted, twice in one run.
 */
class RecordingReader implements ItemStreamReader<List<RecordingList>> {

	private static final Logger log = LoggerFactory.getLogger(RecordingReader.class);

	// the last channel a committed chunk asked
	private static final String ASKED_THROUGH = "recordings.asked.through";

	// each recording asked alone takes a request of the rate budget, a list one whatever its length
	static final int ONE_BY_ONE_AT_MOST = 3;

	// channels asked one by one in one item: at most three recordings each, a few kilobytes
	static final int ONE_BY_ONE_PER_ITEM = 10;

	// every channel: its recording events after those it was last asked with (one probe of the index of
	// recording events, channel_event_recording, per channel), and its recordings not in a final status
	// (the partial index recording_unfinished): a night costs what it brought
	static final String DUE = """
			SELECT c.channel_id, ev.onair_through, u.unfinished
			FROM livestation.channel c
			LEFT JOIN livestation.recording_check k ON k.channel_id = c.channel_id
			CROSS JOIN LATERAL (SELECT max(e.occurred_at) AS onair_through FROM livestation.channel_event e
			                    WHERE e.channel_id = c.channel_id AND e.event_code = ANY (?::text[])
			                      AND e.occurred_at > coalesce(k.onair_seen_through, '-infinity')) ev
			CROSS JOIN LATERAL (SELECT array_agg(r.record_id ORDER BY r.record_id) AS unfinished
			                    FROM livestation.recording r
			                    WHERE r.channel_id = c.channel_id AND r.status <> ALL (?::text[])) u
			WHERE ev.onair_through IS NOT NULL
			   OR (NOT coalesce(k.channel_gone, false) AND u.unfinished IS NOT NULL)
			""";

	private final LiveStationClient client;

	private final JdbcTemplate jdbc;

	// the channels due now, of every partition (DueChannels: found once for all partitions)
	private final Supplier<List<Due>> dueNow;

	private final int partition;

	private final int partitions;

	private List<Due> due = List.of();

	private int next;

	// channels this partition asked in the executions it resumes
	private long askedBefore;

	private @Nullable String askedThrough;

	RecordingReader(LiveStationClient client, JdbcTemplate jdbc, Supplier<List<Due>> dueNow, int partition,
			int partitions) {
		this.client = client;
		this.jdbc = jdbc;
		this.dueNow = dueNow;
		this.partition = partition;
		this.partitions = partitions;
	}

	/** The channels due now, of every partition, in id order. */
	static List<Due> due(JdbcTemplate jdbc) {
		// DUE reads a few index entries per channel (about 10 ms for 1,000 channels), but a big archive's
		// estimates put its cost above jit_above_cost, and compiling it took 0.1 - 0.4 s: the JIT is off for it
		TransactionTemplate transaction = new TransactionTemplate(
				new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
		List<Due> due = new ArrayList<>(Objects.requireNonNull(transaction.execute((status) -> {
			jdbc.execute("SET LOCAL jit = off");
			return jdbc.query(DUE, RecordingReader::bindDue, (rs, n) -> {
				Timestamp through = rs.getTimestamp(2);
				Array unfinished = rs.getArray(3);
				return new Due(rs.getString(1), (through != null) ? through.toInstant() : null,
						(unfinished != null) ? List.of((String[]) unfinished.getArray()) : List.of());
			});
		})));
		// in Java's order, the one the saved position compares in (the database's collation may differ)
		due.sort(Comparator.comparing(Due::channelId));
		return due;
	}

	/** Whether {@code channelId} belongs to partition {@code partition} of {@code partitions}. */
	static boolean inPartition(String channelId, int partition, int partitions) {
		return Math.floorMod(channelId.hashCode(), partitions) == partition;
	}

	@Override
	public void open(ExecutionContext context) {
		this.askedThrough = context.getString(ASKED_THROUGH, null);
		this.askedBefore = context.getLong(ProgressListener.CHANNELS_DONE, 0);
		String after = this.askedThrough;
		this.due = this.dueNow.get().stream()
			.filter((channel) -> inPartition(channel.channelId(), this.partition, this.partitions))
			.filter((channel) -> after == null || channel.channelId().compareTo(after) > 0)
			.toList();
		this.next = 0;
		log.debug("Recordings, partition {} of {}: {} channels to ask{}", this.partition, this.partitions,
				this.due.size(), (after != null) ? " after " + after : "");
	}

	// the recording events and the final statuses, as DUE takes them
	static void bindDue(PreparedStatement statement) throws SQLException {
		SqlArrays.bind(statement, 1, "text", SessionEvents.RECORDING.codes());
		SqlArrays.bind(statement, 2, "text", RecordingRow.FINAL_STATUSES.toArray());
	}

	@Override
	public @Nullable List<RecordingList> read() {
		if (this.next >= this.due.size()) {
			return null;
		}
		List<RecordingList> item = new ArrayList<>();
		while (this.next < this.due.size() && item.size() < ONE_BY_ONE_PER_ITEM
				&& (item.isEmpty() || this.due.get(this.next).unfinishedOnly())) {
			RecordingList answer = ask(this.due.get(this.next++));
			item.add(answer);
			if (!answer.unfinishedOnly()) {
				// a list ends the item
				break;
			}
		}
		return item;
	}

	private RecordingList ask(Due channel) {
		this.askedThrough = channel.channelId();
		if (channel.unfinishedOnly()) {
			List<RecordingDto> unfinished = new ArrayList<>(channel.unfinished().size());
			for (String recordId : channel.unfinished()) {
				Optional<RecordingDto> recording = this.client.recording(channel.channelId(), recordId);
				if (recording.isEmpty()) {
					// the recording or its channel is gone: the list tells which, and shows what is left
					unfinished = null;
					break;
				}
				unfinished.add(recording.get());
			}
			if (unfinished != null) {
				return new RecordingList(channel.channelId(), null, unfinished, true);
			}
		}
		return new RecordingList(channel.channelId(), channel.onairThrough(),
				this.client.recordings(channel.channelId()).orElse(null), false);
	}

	// called inside the chunk's transaction, after its channels were written
	@Override
	public void update(ExecutionContext context) {
		CommittedState.guard(context, ASKED_THROUGH, ProgressListener.CHANNELS_DONE, ProgressListener.CHANNELS_TOTAL);
		if (this.askedThrough != null) {
			context.putString(ASKED_THROUGH, this.askedThrough);
		}
		context.putLong(ProgressListener.CHANNELS_DONE, this.askedBefore + this.next);
		context.putLong(ProgressListener.CHANNELS_TOTAL, this.askedBefore + this.due.size());
	}

	@Override
	public void close() {
		this.due = List.of();
	}

	/**
	 * A channel due.
	 *
	 * @param channelId the channel
	 * @param onairThrough the newest recording event archived for it after its mark (null when due for
	 * unfinished recordings only)
	 * @param unfinished the ids of its archived recordings not in a final status, in id order
	 */
	record Due(String channelId, @Nullable Instant onairThrough, List<String> unfinished) {

		/** Whether only its few unfinished recordings can have changed, asked one by one. */
		boolean unfinishedOnly() {
			return this.onairThrough == null && !this.unfinished.isEmpty()
					&& this.unfinished.size() <= ONE_BY_ONE_AT_MOST;
		}

	}

}
