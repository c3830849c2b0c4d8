package dev.lsarchive.event;

import java.time.LocalDate;
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
import dev.lsarchive.archive.CommittedState;

/**
 * Streams the events of one partition's channels, channel after channel. The position (channel
 * index, events consumed of that channel) is saved on every commit; a restarted partition reopens
 * its channel's list and skips what was already committed.
 */
class EventReader implements ItemStreamReader<EventDto> {

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

	private List<String> channels = List.of();

	private int channelIndex;

	private long channelOffset;

	private @Nullable EventStream stream;

	EventReader(LiveStationClient client, JdbcTemplate jdbc, LocalDate runDate, int partition, int partitions) {
		this.client = client;
		this.jdbc = jdbc;
		this.runDate = runDate;
		this.partition = partition;
		this.partitions = partitions;
	}

	@Override
	public void open(ExecutionContext context) {
		this.channels = this.jdbc.queryForList(CHANNELS, String.class, this.runDate, this.partitions, this.partition);
		this.channelIndex = context.getInt(CHANNEL_INDEX, 0);
		this.channelOffset = context.getLong(CHANNEL_OFFSET, 0);
	}

	@Override
	public @Nullable EventDto read() {
		while (this.channelIndex < this.channels.size()) {
			String channelId = this.channels.get(this.channelIndex);
			try {
				if (this.stream == null) {
					this.stream = this.client.events(channelId);
					this.stream.skip(this.channelOffset);
				}
				EventDto event = this.stream.next();
				if (event != null) {
					this.channelOffset++;
					return event;
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
		CommittedState.guard(context, CHANNEL_INDEX, CHANNEL_OFFSET);
		context.putInt(CHANNEL_INDEX, this.channelIndex);
		context.putLong(CHANNEL_OFFSET, this.channelOffset);
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
