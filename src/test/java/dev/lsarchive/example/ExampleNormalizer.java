package dev.lsarchive.example;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;

/** Turns an example item into an {@link ExampleRow}, or a quarantine entry when its value is blank. */
class ExampleNormalizer implements ItemProcessor<ExampleItem, Outcome<ExampleRow>> {

	/** Where the examples come from. */
	static final String ENDPOINT = "examples (test source)";

	@Override
	public Outcome<ExampleRow> process(ExampleItem item) {
		String value = item.value().strip();
		if (value.isEmpty()) {
			return Outcome.quarantine(new QuarantineRecord("example", ENDPOINT, null, "value is blank",
					"{\"id\":\"" + item.id() + "\"}"));
		}
		return Outcome.archive(new ExampleRow(item.id(), value, !value.equals(item.value())));
	}

}
