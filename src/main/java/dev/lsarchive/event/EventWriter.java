package dev.lsarchive.event;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.lsarchive.batch.CountingWriter;
import dev.lsarchive.batch.DataErrorScan;
import dev.lsarchive.batch.RunContext;
import dev.lsarchive.batch.SqlArrays;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.quarantine.QuarantineWriter;
import dev.lsarchive.reporting.ApiFields;
import dev.lsarchive.reporting.DailyCounts;
import dev.lsarchive.reporting.SessionTables;

/**
 * Writes a chunk of events at PostgreSQL's bulk-load speed. It first asks which of the chunk's
 * events are archived already (one statement: an index range scan per channel of the chunk, a chunk
 * being a run of one or two channels' events), then {@code COPY}s only the new ones straight into
 * {@code channel_event}. A first load costs about a plain {@code COPY}; an unchanged night costs
 * the range scans and no write at all. Should another writer have inserted one of the rows in the
 * meantime, the chunk falls back to a staging table and {@code INSERT … ON CONFLICT DO NOTHING}.
 * Either way the rows it adds are counted into {@code reporting.daily_channel_events} in the same
 * transaction, and the fields of the events it adds into {@code reporting.api_fields} (one statement
 * per chunk: the events of a usual shape share their set of fields); an event archived before counts
 * only when it carries a field not listed yet, so that a list read again costs no write. An event's fields beside the
 * mapped ones go into {@code extra}, NULL for the usual event. A row the database refuses for a
 * reason of its data is found by {@link DataErrorScan} and quarantined; the rest of the chunk is
 * written.
 */
class EventWriter extends CountingWriter<List<Outcome<EventRow>>> {

	// one index range per channel of the chunk, in one statement (OFFSET 0: a range scan each, never a join)
	private static final String ARCHIVED_IN_RANGES = """
			SELECT e.event_key FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) AS r(channel_id, low, high)
			CROSS JOIN LATERAL (SELECT x.event_key FROM livestation.channel_event x
			                    WHERE x.channel_id = r.channel_id AND x.occurred_at BETWEEN r.low AND r.high OFFSET 0) e
			""";

	private static final String COLUMNS = "(event_key, channel_id, event_code, log_level, description, occurred_at,"
			+ " timestamp_scaled, channel_source, extra)";

	private static final String COPY = "COPY livestation.channel_event " + COLUMNS + " FROM STDIN";

	private static final String CREATE_STAGE = """
			CREATE TEMPORARY TABLE IF NOT EXISTS channel_event_stage
			(LIKE livestation.channel_event INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
			""";

	private static final String COPY_STAGE = "COPY channel_event_stage " + COLUMNS + " FROM STDIN";

	private static final String MERGE = "INSERT INTO livestation.channel_event " + COLUMNS + " SELECT "
			+ COLUMNS.substring(1, COLUMNS.length() - 1) + " FROM channel_event_stage"
			+ " ON CONFLICT (channel_id, occurred_at, event_key) DO NOTHING"
			+ " RETURNING channel_id, event_code, log_level, (extract(epoch FROM occurred_at) * 1000)::bigint";

	private static final String UNIQUE_VIOLATION = "23505";

	// the paths of an event that a column holds
	private static final Set<String> MAPPED = Set.of("channelId", "logLevel", "eventCode", "description", "timestamp");

	private static final String FIELDS_RESOURCE = "event";

	private final DataSource dataSource;

	private final QuarantineWriter quarantine;

	private final DailyCounts dailyCounts;

	private final EventListFingerprints fingerprints;

	// false during a first load: the reporting refresh step counts the days once instead (reporting.setting)
	private boolean countDays = true;

	private final EventCoverage coverage;

	private final ApiFields apiFields;

	// the event fields reporting.api_fields lists, as this writer last knew them
	private Set<String> listedFields = Set.of();

	// the rows of the chunk being written that were stored (not archived before)
	private final Set<EventRow> stored = Collections.newSetFromMap(new IdentityHashMap<>());

	EventWriter(DataSource dataSource, QuarantineWriter quarantine, EventListFingerprints fingerprints,
			EventCoverage coverage) {
		this.dataSource = dataSource;
		this.quarantine = quarantine;
		this.fingerprints = fingerprints;
		this.coverage = coverage;
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		this.dailyCounts = new DailyCounts(jdbc);
		this.apiFields = new ApiFields(jdbc);
	}

	@Override
	public void open(ExecutionContext context) {
		super.open(context);
		this.countDays = this.dailyCounts.keptByWriters();
		this.listedFields = this.apiFields.paths(FIELDS_RESOURCE);
	}

	@Override
	protected void writeChunk(Chunk<? extends List<Outcome<EventRow>>> chunk) throws SQLException {
		List<Outcome<EventRow>> events = new ArrayList<>();
		for (List<Outcome<EventRow>> block : chunk) {
			events.addAll(block);
		}
		Outcome.Split<EventRow> split = Outcome.split(events);
		RunContext run = RunContext.current();
		observeOldest(split.rows());
		this.stored.clear();
		DataErrorScan.Result<EventRow> result = DataErrorScan.write(this.dataSource, split.rows(), this::write);
		List<QuarantineRecord> rejected = new ArrayList<>(split.rejected());
		for (DataErrorScan.Refused<EventRow> refused : result.refused()) {
			EventRow row = refused.row();
			rejected.add(new QuarantineRecord("event", EventNormalizer.endpoint(row.requestedChannelId()),
					row.channelId(), refused.reason(), refused.rowJson(), row.requestedChannelId()));
		}
		this.quarantine.write(rejected, run.runDate(), run.jobExecutionId());
		for (QuarantineRecord record : rejected) {
			this.fingerprints.recordQuarantined(record.listChannelId());
		}
		countChunk(EventResource.EVENTS, events.size(), split.rows().size(), result, rejected.size());
		count(EventResource.SCALED_TIMESTAMPS, split.rows().stream().filter(EventRow::timestampScaled).count()
				- result.refused().stream().filter((r) -> r.row().timestampScaled()).count());
		ApiFields.Seen seen = fields(split.rows(), result);
		if (!seen.isEmpty()) {
			count(EventResource.NEW_FIELDS, this.apiFields.add(FIELDS_RESOURCE, seen, MAPPED, run));
			// another writer's paths are learnt at the next open: until then a chunk of them costs a statement
			Set<String> listed = new HashSet<>(this.listedFields);
			listed.addAll(seen.paths());
			this.listedFields = listed;
		}
	}

	// the coverage learns each list's oldest event of the chunk: one call per run of a list's events, not one per event
	// (it is a step-scoped proxy, and a chunk is one or two lists)
	private void observeOldest(List<EventRow> rows) {
		String list = null;
		long oldest = Long.MAX_VALUE;
		for (EventRow row : rows) {
			if (!Objects.equals(row.requestedChannelId(), list)) {
				if (list != null) {
					this.coverage.observe(list, oldest);
				}
				list = row.requestedChannelId();
				oldest = Long.MAX_VALUE;
			}
			oldest = Math.min(oldest, row.occurredAtMillis());
		}
		if (list != null) {
			this.coverage.observe(list, oldest);
		}
	}

	// the fields of the events stored, and of those archived before that carry a field not listed yet (a list read
	// again whose events are all archived adds nothing); an event of the usual shape adds its shared set's count only
	private ApiFields.Seen fields(List<EventRow> rows, DataErrorScan.Result<EventRow> result) {
		Set<EventRow> refused = Collections.newSetFromMap(new IdentityHashMap<>());
		result.refused().forEach((r) -> refused.add(r.row()));
		// events of the usual shape share one set of fields: checked once
		Set<Set<String>> listed = Collections.newSetFromMap(new IdentityHashMap<>());
		ApiFields.Seen seen = new ApiFields.Seen();
		for (EventRow row : rows) {
			Set<String> fields = row.fields();
			if (this.stored.contains(row) || (!refused.contains(row) && !listed.contains(fields)
					&& !(this.listedFields.containsAll(fields) && listed.add(fields)))) {
				seen.add(fields);
			}
		}
		return seen;
	}

	private int write(List<EventRow> rows) throws SQLException {
		// the connection of the chunk's transaction: rows and the step's bookkeeping commit together
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			List<EventRow> fresh = notYetArchived(connection, rows);
			if (fresh.isEmpty()) {
				return 0;
			}
			Savepoint beforeCopy = connection.setSavepoint();
			try {
				copy(connection, COPY, fresh);
				if (this.countDays) {
					countDays(connection, fresh);
				}
				markSessions(connection, fresh);
				connection.releaseSavepoint(beforeCopy);
				this.stored.addAll(fresh);
				return fresh.size();
			}
			catch (SQLException ex) {
				if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
					throw ex;
				}
				connection.rollback(beforeCopy);
				int merged = stageAndMerge(connection, fresh, this.countDays);
				// those another writer stored meanwhile count here too
				this.stored.addAll(fresh);
				return merged;
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static List<EventRow> notYetArchived(Connection connection, List<EventRow> rows) throws SQLException {
		// a chunk holds runs of one channel's events: one range per run, looked up once
		Map<String, long[]> ranges = new LinkedHashMap<>();
		String channel = null;
		long[] range = null;
		for (EventRow row : rows) {
			if (!row.channelId().equals(channel)) {
				channel = row.channelId();
				range = ranges.computeIfAbsent(channel, (id) -> new long[] { Long.MAX_VALUE, Long.MIN_VALUE });
			}
			range[0] = Math.min(range[0], row.occurredAtMillis());
			range[1] = Math.max(range[1], row.occurredAtMillis());
		}
		Set<UUID> known = new HashSet<>();
		try (PreparedStatement archived = connection.prepareStatement(ARCHIVED_IN_RANGES)) {
			SqlArrays.bind(archived, 1, "text", ranges.keySet().toArray());
			SqlArrays.bind(archived, 2, "timestamptz",
					ranges.values().stream().map((r) -> new Timestamp(r[0])).toArray());
			SqlArrays.bind(archived, 3, "timestamptz",
					ranges.values().stream().map((r) -> new Timestamp(r[1])).toArray());
			try (ResultSet keys = archived.executeQuery()) {
				while (keys.next()) {
					known.add(keys.getObject(1, UUID.class));
				}
			}
		}
		if (known.isEmpty()) {
			// nothing of it archived yet (a first load): a second copy of an event within the chunk makes
			// the COPY fail on the key, and the fallback drops it
			return rows;
		}
		List<EventRow> fresh = new ArrayList<>(rows.size());
		for (EventRow row : rows) {
			// add() is false for an archived key and for a second copy within the chunk alike
			if (known.add(row.eventKey())) {
				fresh.add(row);
			}
		}
		return fresh;
	}

	private static int stageAndMerge(Connection connection, List<EventRow> rows, boolean countDays)
			throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(CREATE_STAGE);
			statement.execute("TRUNCATE channel_event_stage");
			copy(connection, COPY_STAGE, rows);
			List<String> channels = new ArrayList<>();
			List<String> codes = new ArrayList<>();
			List<String> levels = new ArrayList<>();
			List<Long> instants = new ArrayList<>();
			try (ResultSet inserted = statement.executeQuery(MERGE)) {
				while (inserted.next()) {
					channels.add(inserted.getString(1));
					codes.add(inserted.getString(2));
					levels.add(inserted.getString(3));
					instants.add(inserted.getLong(4));
				}
			}
			if (countDays && !channels.isEmpty()) {
				DailyCounts.add(connection, channels.toArray(String[]::new), codes.toArray(String[]::new),
						levels.toArray(String[]::new), instants.toArray(Long[]::new));
			}
			SessionTables.mark(connection, channels.toArray(String[]::new), codes.toArray(String[]::new),
					instants.stream().mapToLong(Long::longValue).toArray());
			return channels.size();
		}
	}

	// in the chunk's transaction: the counts commit, or roll back, with the events they count
	private static void countDays(Connection connection, List<EventRow> rows) throws SQLException {
		String[] channels = new String[rows.size()];
		String[] codes = new String[rows.size()];
		String[] levels = new String[rows.size()];
		Long[] instants = new Long[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			EventRow row = rows.get(i);
			channels[i] = row.channelId();
			codes[i] = row.eventCode();
			levels[i] = row.logLevel();
			instants[i] = row.occurredAtMillis();
		}
		DailyCounts.add(connection, channels, codes, levels, instants);
	}

	// in the chunk's transaction: a channel's sessions are marked for recomputing with the events that change them
	private static void markSessions(Connection connection, List<EventRow> rows) throws SQLException {
		String[] channels = new String[rows.size()];
		String[] codes = new String[rows.size()];
		long[] instants = new long[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			channels[i] = rows.get(i).channelId();
			codes[i] = rows.get(i).eventCode();
			instants[i] = rows.get(i).occurredAtMillis();
		}
		SessionTables.mark(connection, channels, codes, instants);
	}

	private static void copy(Connection connection, String copy, List<EventRow> rows) throws SQLException {
		CopyText text = new CopyText(rows.size() * 200);
		for (EventRow row : rows) {
			text.uuid(row.eventKey()).tab().text(row.channelId()).tab().text(row.eventCode()).tab();
			text.text(row.logLevel()).tab().text(row.description()).tab().instant(row.occurredAtMillis()).tab();
			text.bool(row.timestampScaled()).tab().text(row.channelSource()).tab().text(row.extra()).endRow();
		}
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, text.stream(), 256 * 1024);
		}
		catch (IOException ex) {
			throw new SQLException("COPY of " + rows.size() + " events failed: " + ex.getMessage(), ex);
		}
	}

}
