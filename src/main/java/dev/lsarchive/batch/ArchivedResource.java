package dev.lsarchive.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A resource the archive keeps (channels, events, …), declared once in its own package: its label
 * (in the summary, the metrics and its steps' log lines), its row in the summary, its counters
 * (a tally of its records for each {@link Tally}, and the facts it notes on the way) and the lines
 * it adds under the summary table. The ledger, the summary, the metrics and the JSON summary are
 * produced from these declarations ({@link ArchivedResources}): a new resource declares itself as a
 * bean and joins the job's flow, and nothing else changes.
 */
public final class ArchivedResource {

	private final String label;

	private final int order;

	private final Map<Tally, Counter> tallies;

	private final List<Counter> facts;

	private final List<Counter> readUnchanged;

	private final Map<Counter, Source> sources;

	private final List<SummaryNote> notes;

	private ArchivedResource(Builder builder) {
		this.label = builder.label;
		this.order = builder.order;
		this.tallies = Collections.unmodifiableMap(new EnumMap<>(builder.tallies));
		this.facts = List.copyOf(builder.facts);
		this.readUnchanged = List.copyOf(builder.readUnchanged);
		this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(builder.sources));
		this.notes = List.copyOf(builder.notes);
	}

	/**
	 * Starts the declaration of the resource {@code label} (lower case and plural, e.g.
	 * {@code recordings}), whose row stands at {@code order} in the summary, smallest first. Its
	 * tallies are {@code label.read}, {@code label.written}, {@code label.unchanged} and
	 * {@code label.quarantined} unless {@link Builder#tally} says otherwise.
	 */
	public static Builder named(String label, int order) {
		return new Builder(label, order);
	}

	/** Lower-case name, as in metrics, summaries and log lines, e.g. {@code events}. */
	public String label() {
		return this.label;
	}

	/** Its row in the summary: smallest first. */
	public int order() {
		return this.order;
	}

	/** The counter of {@code tally} for this resource's records. */
	public Counter counter(Tally tally) {
		return this.tallies.get(tally);
	}

	/** Every counter it declares: its tallies, then its facts. */
	public List<Counter> counters() {
		List<Counter> counters = new ArrayList<>(this.tallies.values());
		counters.addAll(this.facts);
		return counters;
	}

	/** The lines it adds under the summary table. */
	public List<SummaryNote> notes() {
		return this.notes;
	}

	/** Counters of records counted without being parsed again: read and unchanged records of this resource. */
	List<Counter> readUnchanged() {
		return this.readUnchanged;
	}

	/** Counters that say where a step's records came from, with the words for it (e.g. {@code listing pages}). */
	Map<Counter, Source> sources() {
		return this.sources;
	}

	@Override
	public String toString() {
		return this.label;
	}

	/** The declaration of a resource, counter by counter. */
	public static final class Builder {

		private final String label;

		private final int order;

		private final Map<Tally, Counter> tallies = new EnumMap<>(Tally.class);

		private final List<Counter> facts = new ArrayList<>();

		private final List<Counter> readUnchanged = new ArrayList<>();

		private final Map<Counter, Source> sources = new LinkedHashMap<>();

		private final List<SummaryNote> notes = new ArrayList<>();

		private Builder(String label, int order) {
			if (!label.matches("[a-z][a-z0-9_]*")) {
				throw new IllegalArgumentException("A resource label is one lower-case word, not " + label);
			}
			this.label = label;
			this.order = order;
			String name = label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
			for (Tally tally : Tally.values()) {
				this.tallies.put(tally, new Counter(label + "." + tally.word(), name + " " + tally.meaning()));
			}
		}

		/** The counter of {@code tally}, when its key or description differ from the default. */
		public Builder tally(Tally tally, String key, String description) {
			this.tallies.put(tally, new Counter(key, description));
			return this;
		}

		/** A fact the resource's steps count besides its tallies. */
		public Builder fact(Counter counter) {
			this.facts.add(counter);
			return this;
		}

		/**
		 * A fact that counts records recognized as archived without being parsed again (a list
		 * received byte for byte as before): every output counts them as read and unchanged records.
		 */
		public Builder readUnchanged(Counter counter) {
			this.readUnchanged.add(counter);
			return fact(counter);
		}

		/**
		 * A fact that says where a step's records came from, shown in its log line as
		 * {@code from <count> <words>} when it is not zero ({@code one} for a count of one, else {@code many}).
		 */
		public Builder source(Counter counter, String one, String many) {
			this.sources.put(counter, new Source(one, many));
			return fact(counter);
		}

		/** A line under the summary table, at {@code position} among the lines of every resource. */
		public Builder note(int position, SummaryNote.Line line) {
			this.notes.add(new SummaryNote(position, line));
			return this;
		}

		/** The declared resource. */
		public ArchivedResource build() {
			return new ArchivedResource(this);
		}

	}

	/** The words of a {@link Builder#source source}, for a count of one and for any other count. */
	public record Source(String one, String many) {

		/** {@code count} with the words that fit it. */
		public String of(long count) {
			return SummaryNote.count(count, this.one, this.many);
		}

	}

}
