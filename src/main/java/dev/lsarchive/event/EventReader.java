package dev.lsarchive.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.EventDto;
import dev.lsarchive.api.EventStream;
import dev.lsarchive.api.LiveStationApiException;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.ProgressListener;

/**
 * Streams the events of one partition's channels (partition {@code p} of {@code n} takes every channel
 * whose position in the run date's id-sorted listing is {@code p} modulo {@code n}: the listing is
 * fixed once the channels step is done), channel after channel, as blocks of up to
 * {@code blockSize} consecutive events (one block is one chunk: a million events cost a thousand
 * trips through the step's machinery, not a million). The position (channel index, events
 * consumed of that channel) is saved on every commit; a restarted partition reopens its channel's
 * list and skips what was already committed.
 * <p>
 * A channel's list read whole is reported to {@link EventListFingerprints}, which keeps its fingerprint
 * when none of its records was quarantined. A later run that receives the very same body counts its
 * events as read and already archived without parsing them: an unchanged night costs the transfer,
 * not the parse, the keys and the look-ups.
 * <p>
 * Every list read whole is also reported to {@link EventCoverage} with the instant it was asked
 * for, to prove (or not) that the archive's history of the channel has no hole.
 */
class EventReader implements ItemStreamReader<List<EventDto>> {

	private static final Logger log = LoggerFactory.getLogger(EventReader.class);

	private static final String CHANNEL_INDEX = "events.channel.index";

	private static final String CHANNEL_OFFSET = "events.channel.offset";

	private static final String CHANNELS = """
			SELECT channel_id FROM (
			    SELECT channel_id, row_number() OVER (ORDER BY channel_id) - 1 AS position
			    FROM livestation.listed_channel WHERE run_date = ?) listed
			WHERE position % ? = ? ORDER BY channel_id
			""";

	private final LiveStationClient client;

	private final JdbcTemplate jdbc;

	private final LocalDate runDate;

	private final int partition;

	private final int partitions;

	private final boolean skipUnchanged;

	private final int blockSize;

	private final EventListFingerprints fingerprints;

	private final EventCoverage coverage;

	private final Clock clock;

	private List<String> channels = List.of();

	private Instant listAskedAt = Instant.EPOCH;

	private boolean readFromStart;

	private long unchangedEvents;

	private long unchangedLists;

	private int channelIndex;

	private long channelOffset;

	private @Nullable EventStream stream;

	EventReader(LiveStationClient client, JdbcTemplate jdbc, LocalDate runDate, int partition, int partitions,
			boolean skipUnchanged, int blockSize, EventListFingerprints fingerprints, EventCoverage coverage,
			Clock clock) {
		this.client = client;
		this.jdbc = jdbc;
		this.runDate = runDate;
		this.partition = partition;
		this.partitions = partitions;
		this.skipUnchanged = skipUnchanged;
		this.blockSize = blockSize;
		this.fingerprints = fingerprints;
		this.coverage = coverage;
		this.clock = clock;
	}

	@Override
	public void open(ExecutionContext context) {
		this.channels = this.jdbc.queryForList(CHANNELS, String.class, this.runDate, this.partitions, this.partition);
		this.fingerprints.load(this.channels);
		this.coverage.load(this.channels);
		this.channelIndex = context.getInt(CHANNEL_INDEX, 0);
		this.channelOffset = context.getLong(CHANNEL_OFFSET, 0);
		this.unchangedEvents = context.getLong(EventResource.READ_UNCHANGED.contextKey(), 0);
		this.unchangedLists = context.getLong(EventResource.UNCHANGED_LISTS.contextKey(), 0);
	}

	@Override
	public @Nullable List<EventDto> read() {
		List<EventDto> block = new ArrayList<>(Math.min(this.blockSize, 4096));
		EventDto event;
		while (block.size() < this.blockSize && (event = next()) != null) {
			block.add(event);
		}
		return block.isEmpty() ? null : block;
	}

	private @Nullable EventDto next() {
		while (this.channelIndex < this.channels.size()) {
			String channelId = this.channels.get(this.channelIndex);
			try {
				if (this.stream == null) {
					// what the list shows is what the channel's history holds up to this instant
					this.listAskedAt = this.clock.instant();
					this.stream = this.client.events(channelId);
					this.readFromStart = this.channelOffset == 0;
					EventListFingerprints.Fingerprint known = this.fingerprints.known(channelId);
					if (this.readFromStart && this.skipUnchanged && known != null
							&& this.stream.unchangedSince(known.digest())) {
						this.unchangedEvents += known.events();
						this.unchangedLists++;
						this.coverage.listRead(channelId, this.listAskedAt, known.events(), true);
						this.stream.close();
						this.stream = null;
						this.channelIndex++;
						continue;
					}
					this.stream.skip(this.channelOffset);
				}
				EventDto event = this.stream.next();
				if (event != null) {
					this.channelOffset++;
					return event;
				}
				byte[] digest = this.stream.fingerprint();
				if (this.readFromStart && digest != null) {
					this.fingerprints.listCompleted(channelId, digest, this.channelOffset);
				}
				if (this.readFromStart) {
					this.coverage.listRead(channelId, this.listAskedAt, this.channelOffset, false);
				}
			}
			catch (LiveStationApiException ex) {
				if (ex.httpStatus() != 404) {
					throw new LiveStationApiException("Events of channel " + channelId + " could not be read: "
							+ ex.getMessage(), ex.httpStatus(), ex.errorCode(), null, false, null, ex);
				}
				// deleted since it was listed: its events are gone with it
				log.warn("Channel {} no longer exists; no events to archive for it", channelId);
			}
			closeStream();
			this.channelIndex++;
			this.channelOffset = 0;
		}
		return null;
	}

	@Override
	public void update(ExecutionContext context) {
		CommittedState.guard(context, CHANNEL_INDEX, CHANNEL_OFFSET, EventResource.READ_UNCHANGED.contextKey(),
				EventResource.UNCHANGED_LISTS.contextKey());
		context.putInt(CHANNEL_INDEX, this.channelIndex);
		context.putLong(ProgressListener.CHANNELS_DONE, this.channelIndex);
		context.putLong(ProgressListener.CHANNELS_TOTAL, this.channels.size());
		context.putLong(CHANNEL_OFFSET, this.channelOffset);
		context.putLong(EventResource.READ_UNCHANGED.contextKey(), this.unchangedEvents);
		context.putLong(EventResource.UNCHANGED_LISTS.contextKey(), this.unchangedLists);
	}

	@Override
	public void close() {
		closeStream();
	}

	private void closeStream() {
		if (this.stream != null) {
			this.stream.close();
			this.stream = null;
		}
	}

}
