package dev.lsarchive.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every resource of the archive (each package's {@link ArchivedResource} bean), in the order of the
 * summary's rows: what the summary, the ledger, the metrics, the JSON summary and the step lines
 * iterate instead of naming resources or counters.
 */
public final class ArchivedResources implements Iterable<ArchivedResource> {

	private final List<ArchivedResource> resources;

	/** The resources {@code resources}; a label or a counter key declared twice is refused. */
	public ArchivedResources(Collection<ArchivedResource> resources) {
		List<ArchivedResource> sorted = new ArrayList<>(resources);
		sorted.sort(Comparator.comparingInt(ArchivedResource::order).thenComparing(ArchivedResource::label));
		Set<String> labels = new HashSet<>();
		Set<String> keys = new HashSet<>();
		for (ArchivedResource resource : sorted) {
			if (!labels.add(resource.label())) {
				throw new IllegalStateException("Two resources are labelled " + resource.label());
			}
			for (Counter counter : resource.counters()) {
				if (!keys.add(counter.key())) {
					throw new IllegalStateException("The counter key " + counter.key() + " is declared twice");
				}
			}
		}
		this.resources = List.copyOf(sorted);
	}

	@Override
	public Iterator<ArchivedResource> iterator() {
		return this.resources.iterator();
	}

	/** The resource labelled {@code label}, if one is. */
	public Optional<ArchivedResource> labelled(String label) {
		return this.resources.stream().filter((resource) -> resource.label().equals(label)).findFirst();
	}

	/** Every declared counter: resource by resource, each its tallies then its facts. */
	public List<Counter> counters() {
		List<Counter> counters = new ArrayList<>();
		this.resources.forEach((resource) -> counters.addAll(resource.counters()));
		return counters;
	}

	/** Whether a resource declares a counter of stable key {@code key}. */
	public boolean declares(String key) {
		return counters().stream().anyMatch((counter) -> counter.key().equals(key));
	}

	/** The lines every resource adds under the summary table, by position. */
	public List<SummaryNote> notes() {
		List<SummaryNote> notes = new ArrayList<>();
		this.resources.forEach((resource) -> notes.addAll(resource.notes()));
		notes.sort(Comparator.comparingInt(SummaryNote::position));
		return notes;
	}

	/** The counters that say where a step's records came from, resource by resource, with their words. */
	public Map<Counter, ArchivedResource.Source> sources() {
		Map<Counter, ArchivedResource.Source> sources = new LinkedHashMap<>();
		this.resources.forEach((resource) -> sources.putAll(resource.sources()));
		return sources;
	}

}
