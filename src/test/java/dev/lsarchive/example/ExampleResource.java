package dev.lsarchive.example;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.Counter;

/** The examples resource: its counters and its line under the summary table. */
public final class ExampleResource {

	/** Values that arrived with spaces around them, archived trimmed. */
	static final Counter TRIMMED = new Counter("examples.trimmed",
			"Values that arrived with spaces around them, archived trimmed");

	/** Example items. */
	public static final ArchivedResource EXAMPLES = ArchivedResource.named("examples", 5)
		.fact(TRIMMED)
		.note(70, (counts) -> (counts.get(TRIMMED) > 0)
				? String.format("examples: %d of the values arrived with spaces around them and were trimmed",
						counts.get(TRIMMED))
				: null)
		.build();

	private ExampleResource() {
	}

}
