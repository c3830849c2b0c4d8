package dev.lsarchive.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a step's channels into {@code gridSize} partitions, named {@code channels-3-of-8}. Only the
 * two numbers travel, in the partition's name, so a partition of thousands of channels costs nothing
 * to save, and a partition whose context was lost (a connection cut while it was created) still knows
 * which it is; each worker's reader picks its own channels from them.
 */
public final class ChannelPartitioner implements Partitioner {

	private static final Pattern NAME = Pattern.compile("channels-(\\d+)-of-(\\d+)$");

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new HashMap<>();
		for (int p = 0; p < gridSize; p++) {
			partitions.put("channels-" + p + "-of-" + gridSize, new ExecutionContext());
		}
		return partitions;
	}

	/** Partition index and count of a worker step, read from its name ({@code eventsWorker:channels-3-of-8}). */
	public static int[] ofStep(String stepName) {
		Matcher matcher = NAME.matcher(stepName);
		if (!matcher.find()) {
			throw new IllegalStateException("Not a channel partition: " + stepName);
		}
		return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
	}

}
