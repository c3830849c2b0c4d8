package dev.lsarchive.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The run summary as JSON, for whatever reads runs after the fact (a monitoring agent, a CI step).
 *
 * @param runDate run date
 * @param jobExecutionId job execution
 * @param status Spring Batch status
 * @param reason why it did not complete, empty when it did
 * @param seconds duration of the execution
 * @param counts every counter of the run date, e.g. {@code events.written}
 * @param itemsRead all records read
 * @param itemsWritten all records written
 * @param itemsAlreadyArchived all records already archived
 * @param itemsQuarantined all records quarantined
 * @param apiRequests requests of this execution
 * @param apiRetries retries of this execution
 * @param apiThrottled 429 answers of this execution
 */
record RunReport(LocalDate runDate, long jobExecutionId, String status, String reason, double seconds,
		Map<String, Long> counts, long itemsRead, long itemsWritten, long itemsAlreadyArchived, long itemsQuarantined,
		long apiRequests, long apiRetries, long apiThrottled) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	void writeTo(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		// written aside and moved, so that a reader never sees half a file
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
		Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

}
