package dev.lsarchive.event;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.batch.SqlArrays;

/**
 * The fingerprint (api.BodyFingerprint: length and two CRCs) of each channel's last event list whose every event is archived, kept in
 * {@code event_list_fingerprint} for one events worker step. The reader loads its channels' digests,
 * asks for a channel's known digest and tells when it has read a list whole; the writer tells which
 * lists had a record quarantined; as a stream of the step, it records the digests of the completed
 * lists in the transaction that commits their last events, and forgets those with a quarantined
 * record (they must be judged again next time: a timestamp in the future may be valid then).
 * <p>
 * What it knows of quarantined records covers every list it records: a digest is only recorded for a
 * list read from its first event in this execution, so every record of it went through this
 * execution's writer.
 */
class EventListFingerprints implements ItemStream {

	private static final String KNOWN = """
			SELECT channel_id, digest, events FROM livestation.event_list_fingerprint WHERE channel_id = ANY (?)
			""";

	// a chunk's completed lists in one statement: the digests of those whose every event is archived, and none
	// for those with a quarantined record (a channel is in one array or the other)
	private static final String RECORD = """
			WITH forgotten AS (
			    DELETE FROM livestation.event_list_fingerprint WHERE channel_id = ANY (?::text[]))
			INSERT INTO livestation.event_list_fingerprint (channel_id, digest, events, run_date)
			SELECT f.channel_id, f.digest, f.events, ?::date
			FROM unnest(?::text[], ?::bytea[], ?::bigint[]) AS f(channel_id, digest, events)
			ORDER BY f.channel_id
			ON CONFLICT (channel_id) DO UPDATE SET digest = excluded.digest, events = excluded.events,
			    run_date = excluded.run_date, recorded_at = now()
			""";

	private final JdbcTemplate jdbc;

	private final LocalDate runDate;

	private final Map<String, Fingerprint> known = new HashMap<>();

	// lists read whole in this execution, whose last events are in the chunk being committed
	private final List<Fingerprint> completed = new ArrayList<>();

	private final Set<String> withQuarantine = new HashSet<>();

	EventListFingerprints(JdbcTemplate jdbc, LocalDate runDate) {
		this.jdbc = jdbc;
		this.runDate = runDate;
	}

	/** Loads the last recorded lists of the channels the reader will read (its partition's). */
	void load(List<String> channelIds) {
		this.known.clear();
		this.jdbc.query(KNOWN, (row) -> {
			this.known.put(row.getString(1), new Fingerprint(row.getString(1), row.getBytes(2), row.getLong(3)));
		}, (Object) channelIds.toArray(String[]::new));
	}

	/** The last recorded list of {@code channelId}, if any. */
	@Nullable Fingerprint known(String channelId) {
		return this.known.get(channelId);
	}

	/** The reader read the list of {@code channelId} from its first event to its end. */
	void listCompleted(String channelId, byte[] digest, long events) {
		this.completed.add(new Fingerprint(channelId, digest, events));
	}

	/** The writer quarantined a record of the list of {@code channelId} (null: not a channel's list). */
	void recordQuarantined(@Nullable String listChannelId) {
		if (listChannelId != null) {
			this.withQuarantine.add(listChannelId);
		}
	}

	// inside the chunk's transaction: the fingerprints commit with the last events of their lists
	@Override
	public void update(ExecutionContext context) {
		if (this.completed.isEmpty()) {
			return;
		}
		// a channel's lists in the order read: the last one is what the archive holds now
		Map<String, Fingerprint> record = new LinkedHashMap<>();
		Set<String> forget = new LinkedHashSet<>();
		for (Fingerprint list : this.completed) {
			if (this.withQuarantine.contains(list.channelId())) {
				record.remove(list.channelId());
				forget.add(list.channelId());
			}
			else {
				forget.remove(list.channelId());
				record.put(list.channelId(), list);
			}
		}
		this.jdbc.update(RECORD, (ps) -> {
			SqlArrays.bind(ps, 1, "text", forget.toArray());
			ps.setObject(2, this.runDate);
			SqlArrays.bind(ps, 3, "text", record.keySet().toArray());
			SqlArrays.bind(ps, 4, "bytea", record.values().stream().map(Fingerprint::digest).toArray(byte[][]::new));
			SqlArrays.bind(ps, 5, "bigint", record.values().stream().map(Fingerprint::events).toArray());
		});
		this.completed.clear();
	}

	/**
	 * A list as archived.
	 *
	 * @param channelId the channel whose list it is
	 * @param digest the fingerprint of the list's body
	 * @param events events in it
	 */
	record Fingerprint(String channelId, byte[] digest, long events) {
	}

}
