package dev.lsarchive.recording;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.RecordingDto;
import dev.lsarchive.support.ApiSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** Which partition of the recordings step asks a channel, and how its answers make items. */
class RecordingReaderTests {

	@Test
	void everyChannelBelongsToExactlyOnePartitionWhateverTheOtherChannelsDue() {
		// given: a thousand channel ids as Live Station makes them, and eight partitions
		List<String> channels = IntStream.range(0, 1000)
			.mapToObj((i) -> String.format("ls-20260907%06d-%05X", i * 37, i * 7919))
			.toList();

		// when
		List<List<String>> partitions = new ArrayList<>();
		for (int p = 0; p < 8; p++) {
			int partition = p;
			partitions.add(channels.stream().filter((id) -> RecordingReader.inPartition(id, partition, 8)).toList());
		}

		// then: each in one partition, every partition with its share (a restarted step, asking fewer
		// channels, finds each remaining one in the same partition: the rule reads the id alone)
		assertThat(partitions.stream().mapToInt(List::size).sum()).isEqualTo(channels.size());
		assertThat(partitions.stream().flatMap(List::stream).distinct().count()).isEqualTo(channels.size());
		assertThat(partitions).allSatisfy((partition) -> assertThat(partition).hasSizeBetween(75, 175));
		assertThat(RecordingReader.inPartition(channels.get(0), 0, 1)).isTrue();
	}

	@Test
	void channelsAskedOneByOneShareAnItemAndAListEndsOne() {
		// given: in id order, two channels due for an unfinished recording alone, one with a new recording
		// event, twelve more due for an unfinished recording, one whose unfinished recording is gone, and one
		// more
		List<RecordingReader.Due> due = new ArrayList<>();
		due.add(unfinished("a1"));
		due.add(unfinished("a2"));
		due.add(new RecordingReader.Due("b", Instant.parse("2026-11-26T00:00:00Z"), List.of("r-b")));
		IntStream.rangeClosed(1, 12).forEach((i) -> due.add(unfinished(String.format("c%02d", i))));
		due.add(unfinished("d-gone"));
		due.add(unfinished("e"));
		RecordingReader reader = new RecordingReader(new AnsweringClient(), null, () -> due, 0, 1);
		reader.open(new ExecutionContext());

		// when
		List<List<String>> items = new ArrayList<>();
		List<Boolean> oneByOne = new ArrayList<>();
		for (List<RecordingList> item = reader.read(); item != null; item = reader.read()) {
			items.add(item.stream().map(RecordingList::channelId).toList());
			item.forEach((answer) -> oneByOne.add(answer.unfinishedOnly()));
		}

		// then: every channel asked once, in order; a list (asked, or fallen back to) is an item's last answer
		assertThat(items).containsExactly(List.of("a1", "a2"), List.of("b"),
				List.of("c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10"),
				List.of("c11", "c12", "d-gone"), List.of("e"));
		assertThat(oneByOne.stream().filter((b) -> !b)).hasSize(2);
		ExecutionContext committed = new ExecutionContext();
		reader.update(committed);
		assertThat(committed.getString("recordings.asked.through")).isEqualTo("e");
	}

	private static RecordingReader.Due unfinished(String channelId) {
		return new RecordingReader.Due(channelId, null, List.of("r-" + channelId));
	}

	// answers without a network: every recording asked alone is found, except those of channels named gone
	private static final class AnsweringClient extends LiveStationClient {

		AnsweringClient() {
			super(ApiSettings.at(URI.create("http://127.0.0.1:1"), "access", "secret").allowInsecureHttp(true).build(),
					new ApiCallStats());
		}

		@Override
		public Optional<RecordingDto> recording(String channelId, String recordId) {
			return channelId.endsWith("-gone") ? Optional.empty() : Optional.of(answer(channelId, recordId));
		}

		@Override
		public Optional<List<RecordingDto>> recordings(String channelId) {
			return Optional.of(List.of(answer(channelId, "r-" + channelId)));
		}

		private static RecordingDto answer(String channelId, String recordId) {
			return new RecordingDto(recordId, channelId, "MP4", "RECORDING", null, null, null, null, null, null, null,
					null, null, null, null, null, null, null, "{}");
		}

	}

}
