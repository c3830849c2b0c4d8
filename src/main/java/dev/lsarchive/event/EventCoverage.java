package dev.lsarchive.event;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.event.EventContinuity.Coverage;
import dev.lsarchive.event.EventContinuity.Evidence;
import dev.lsarchive.event.EventContinuity.Judgement;
import dev.lsarchive.event.EventContinuity.ListRead;

/**
 * Keeps each channel's coverage ({@code event_coverage}), the windows of possible loss
 * ({@code event_gap}) and the evidence about the API ({@code event_list_evidence}) for one events
 * worker step, by the rule of {@link EventContinuity}. The reader tells when it has read a list
 * whole and when it asked for it; the writer tells the oldest event of each list it writes; as a
 * stream of the step, it judges the completed lists and records the outcome in the transaction that
 * commits their last events, so that a window is recorded once, whatever restarts follow.
 * <p>
 * Only a list read from its first event in this execution is judged (as for fingerprints): the
 * oldest event of a list resumed after a failure went through an earlier execution. Its channel's
 * coverage then waits for the next night, which never claims more than it proves.
 */
class EventCoverage implements ItemStream {

	private static final Logger log = LoggerFactory.getLogger(EventCoverage.class);

	private static final String KNOWN = """
			SELECT channel_id, covered_from, covered_through FROM livestation.event_coverage WHERE channel_id = ANY (?)
			""";

	private static final String EVIDENCE = """
			SELECT extract(epoch FROM longest_span) * 1000, largest_list FROM livestation.event_list_evidence
			""";

	// a chunk's lists in one statement: their coverage, the evidence (partitions add theirs side by side: each
	// keeps the larger values) and their windows of possible loss, which it returns when they are new
	private static final String RECORD = """
			WITH cover AS (
			    INSERT INTO livestation.event_coverage AS v (channel_id, covered_from, covered_through, last_list_events,
			        last_list_oldest, last_run_date)
			    SELECT c.channel_id, c.covered_from, c.covered_through, c.last_list_events, c.last_list_oldest, ?::date
			    FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::timestamptz[])
			        AS c(channel_id, covered_from, covered_through, last_list_events, last_list_oldest)
			    ORDER BY c.channel_id
			    ON CONFLICT (channel_id) DO UPDATE SET covered_from = least(v.covered_from, excluded.covered_from),
			        covered_through = greatest(v.covered_through, excluded.covered_through),
			        last_list_events = excluded.last_list_events, last_list_oldest = excluded.last_list_oldest,
			        last_run_date = excluded.last_run_date),
			evidence AS (
			    INSERT INTO livestation.event_list_evidence AS e (id, longest_span, largest_list)
			    VALUES (true, ? * interval '1 millisecond', ?)
			    ON CONFLICT (id) DO UPDATE SET longest_span = greatest(e.longest_span, excluded.longest_span),
			        largest_list = greatest(e.largest_list, excluded.largest_list), updated_at = now())
			INSERT INTO livestation.event_gap (channel_id, after_at, before_at, detected_run_date, job_execution_id)
			SELECT g.channel_id, g.after_at, g.before_at, ?::date, ?
			FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) AS g(channel_id, after_at, before_at)
			ON CONFLICT (channel_id, after_at) DO NOTHING
			RETURNING channel_id, after_at, before_at
			""";

	// the element types of RECORD's arrays: coverage, then gaps
	private static final String[] COVER_TYPES = { "text", "timestamptz", "timestamptz", "bigint", "timestamptz" };

	private static final String[] GAP_TYPES = { "text", "timestamptz", "timestamptz" };

	private final JdbcTemplate jdbc;

	private final LocalDate runDate;

	private final Map<String, Coverage> known = new HashMap<>();

	private final Map<String, Instant> oldest = new HashMap<>();

	// lists read whole in this execution, whose last events are in the chunk being committed
	private final List<Completed> completed = new ArrayList<>();

	private Evidence evidence = Evidence.NONE;

	private long gaps;

	EventCoverage(JdbcTemplate jdbc, LocalDate runDate) {
		this.jdbc = jdbc;
		this.runDate = runDate;
	}

	/** Loads the coverage of the channels the reader will read (its partition's), and the evidence. */
	void load(List<String> channelIds) {
		this.known.clear();
		this.jdbc.query(KNOWN, (row) -> {
			this.known.put(row.getString(1),
					new Coverage(row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant()));
		}, (Object) channelIds.toArray(String[]::new));
		this.evidence = Evidence.NONE;
		this.jdbc.query(EVIDENCE, (row) -> {
			this.evidence = new Evidence(Duration.ofMillis(row.getLong(1)), row.getLong(2));
		});
	}

	/** The writer wrote an event of the list of {@code listChannelId} that happened at {@code occurredAtMillis}. */
	void observe(@Nullable String listChannelId, long occurredAtMillis) {
		if (listChannelId != null) {
			this.oldest.merge(listChannelId, Instant.ofEpochMilli(occurredAtMillis),
					(one, other) -> one.isBefore(other) ? one : other);
		}
	}

	/**
	 * The reader read the list of {@code channelId}, asked for at {@code readAt}, from its first event
	 * to its end ({@code unchanged}: it was byte for byte the list archived before, not parsed).
	 */
	void listRead(String channelId, Instant readAt, long events, boolean unchanged) {
		this.completed.add(new Completed(channelId, readAt, events, unchanged));
	}

	@Override
	public void open(ExecutionContext context) {
		this.gaps = context.getLong(EventResource.GAPS.contextKey(), 0);
	}

	// inside the chunk's transaction: coverage and gaps commit with the last events of their lists
	@Override
	public void update(ExecutionContext context) {
		CommittedState.guard(context, EventResource.GAPS.contextKey());
		if (!this.completed.isEmpty()) {
			record(RunContext.current());
			this.completed.clear();
		}
		context.putLong(EventResource.GAPS.contextKey(), this.gaps);
	}

	// every list of the chunk judged in turn (the evidence grows with each), written in one statement
	private void record(RunContext run) {
		// a channel's lists in the order read: the last judgement holds what the earlier ones proved
		Map<String, Object[]> covers = new LinkedHashMap<>();
		List<Object[]> gapRows = new ArrayList<>();
		for (Completed list : this.completed) {
			Instant oldestEvent = list.unchanged() ? null : this.oldest.remove(list.channelId());
			ListRead read = new ListRead(list.readAt(), list.events(), oldestEvent, list.unchanged());
			Judgement judgement = EventContinuity.judge(this.known.get(list.channelId()), read, this.evidence);
			this.evidence = this.evidence.with(read);
			this.known.put(list.channelId(), judgement.coverage());
			covers.put(list.channelId(), new Object[] { list.channelId(), timestamp(judgement.coverage().coveredFrom()),
					timestamp(judgement.coverage().coveredThrough()), list.events(),
					(oldestEvent != null) ? timestamp(oldestEvent) : null });
			EventContinuity.Gap gap = judgement.gap();
			if (gap != null) {
				gapRows.add(new Object[] { list.channelId(), timestamp(gap.after()), timestamp(gap.before()) });
			}
		}
		List<Object[]> inserted = this.jdbc.query(RECORD, (ps) -> {
			ps.setObject(1, this.runDate);
			for (int column = 0; column < 5; column++) {
				SqlArrays.bind(ps, 2 + column, COVER_TYPES[column], column(covers.values(), column));
			}
			ps.setLong(7, this.evidence.longestSpan().toMillis());
			ps.setLong(8, this.evidence.largestList());
			ps.setObject(9, this.runDate);
			ps.setLong(10, run.jobExecutionId());
			for (int column = 0; column < 3; column++) {
				SqlArrays.bind(ps, 11 + column, GAP_TYPES[column], column(gapRows, column));
			}
		}, (rs, n) -> new Object[] { rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3) });
		// a window recorded by an earlier execution (a re-run, a restart) is not found again
		for (Object[] gap : inserted) {
			this.gaps++;
			log.warn("Channel {}: events between {} and {} may have been lost: the list read no longer reached"
					+ " back to what the archive held (recorded in livestation.event_gap)", gap[0], gap[1], gap[2]);
		}
	}

	private static Object[] column(Collection<Object[]> rows, int column) {
		return rows.stream().map((row) -> row[column]).toArray();
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}

	private record Completed(String channelId, Instant readAt, long events, boolean unchanged) {
	}

}
