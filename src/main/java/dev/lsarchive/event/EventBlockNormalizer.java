package dev.lsarchive.event;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.lsarchive.api.EventDto;
import dev.lsarchive.normalize.Outcome;

/** Normalizes a block of events one by one, keeping their order: one outcome per event. */
class EventBlockNormalizer implements ItemProcessor<List<EventDto>, List<Outcome<EventRow>>> {

	private final EventNormalizer normalizer;

	EventBlockNormalizer(EventNormalizer normalizer) {
		this.normalizer = normalizer;
	}

	@Override
	public List<Outcome<EventRow>> process(List<EventDto> events) {
		List<Outcome<EventRow>> outcomes = new ArrayList<>(events.size());
		for (EventDto event : events) {
			outcomes.add(this.normalizer.process(event));
		}
		return outcomes;
	}

}
