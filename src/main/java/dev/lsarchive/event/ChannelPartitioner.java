package dev.lsarchive.event;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the run's channels into {@code gridSize} partitions: partition {@code p} takes every
 * channel whose position in the id-sorted listing is {@code p} modulo the partition count. Only the
 * two numbers travel, in the partition's name ({@code channels-3-of-8}), so a partition of thousands
 * of channels costs nothing to save, and a partition whose context was lost (a connection cut while
 * it was created) still knows which it is.
 */
class ChannelPartitioner implements Partitioner {

	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("channels-(\\d+)-of-(\\d+)$");

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new HashMap<>();
		for (int p = 0; p < gridSize; p++) {
			partitions.put("channels-" + p + "-of-" + gridSize, new ExecutionContext());
		}
		return partitions;
	}

	/** Partition index and count of a worker step, read from its name ({@code eventsWorker:channels-3-of-8}). */
	static int[] ofStep(String stepName) {
		java.util.regex.Matcher matcher = NAME.matcher(stepName);
		if (!matcher.find()) {
			throw new IllegalStateException("Not a channel partition: " + stepName);
		}
		return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
	}

}
