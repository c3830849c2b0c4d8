package dev.lsarchive.api;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A response of a million events is consumed one event at a time, in a heap far too small to hold it. */
class EventStreamIntegrationTests {

	@Test
	void aMillionEventResponseStreamsThroughA64MegabyteHeap() throws Exception {
		// given: a JVM whose heap cannot hold the list (1,000,000 events is ~150 MB of JSON)
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp",
				System.getProperty("java.class.path"), StreamingProbe.class.getName(), "1000000"))
			.redirectErrorStream(true);

		// when
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		boolean finished = process.waitFor(5, TimeUnit.MINUTES);

		// then
		assertThat(finished).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("events=1000000 ordered=true");
	}

}
