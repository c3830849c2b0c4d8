package dev.lsarchive.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which partition of the recordings step asks a channel. */
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

}
