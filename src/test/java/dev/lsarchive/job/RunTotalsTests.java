package dev.lsarchive.job;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ArchivedResources;
import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.Tally;

import static org.assertj.core.api.Assertions.assertThat;

class RunTotalsTests {

	private static final Counter TRIMMED = new Counter("examples.trimmed", "Values trimmed");

	private static final ArchivedResources RESOURCES = new ArchivedResources(List.of(
			ArchivedResource.named("channels", 1).build(),
			ArchivedResource.named("events", 2)
				.tally(Tally.UNCHANGED, "events.already_archived", "Events archived already")
				.build(),
			ArchivedResource.named("snapshots", 3).build(),
			ArchivedResource.named("examples", 5).fact(TRIMMED).build()));

	@Test
	void itemsAddUpEveryResourceInOneVocabulary() {
		// given
		RunTotals totals = new RunTotals(Map.of("channels.read", 3L, "channels.unchanged", 3L, "events.read", 10L,
				"events.written", 6L, "events.already_archived", 3L, "events.quarantined", 1L, "snapshots.read", 2L,
				"snapshots.written", 2L), RESOURCES);

		// then
		assertThat(totals.itemsRead()).isEqualTo(15);
		assertThat(totals.items(Tally.WRITTEN)).isEqualTo(8);
		assertThat(totals.itemsAlreadyArchived()).isEqualTo(6);
		assertThat(totals.itemsQuarantined()).isEqualTo(1);
		assertThat(totals.reconciled()).isTrue();
		assertThat(new RunTotals(Map.of("events.read", 2L, "events.written", 1L), RESOURCES).reconciled()).isFalse();
		assertThat(totals.byKey()).containsEntry("events.already_archived", 3L).containsEntry("channels.read", 3L);
	}

	@Test
	void aResourceOfItsOwnIsCountedInTheItemsAndEveryKeyIsReportedInTheResourcesOrder() {
		// given: a resource beside the archive's, and a key a step saved that no resource declares
		RunTotals totals = new RunTotals(Map.of("examples.read", 4L, "examples.written", 2L,
				"examples.quarantined", 2L, "examples.trimmed", 1L, "channels.read", 1L, "channels.unchanged", 1L,
				"retired.counter", 7L), RESOURCES);

		// then
		assertThat(totals.itemsRead()).isEqualTo(5);
		assertThat(totals.itemsQuarantined()).isEqualTo(2);
		assertThat(totals.reconciled()).isTrue();
		assertThat(totals.byKey().keySet()).containsExactly("channels.read", "channels.unchanged", "examples.read",
				"examples.written", "examples.quarantined", "examples.trimmed", "retired.counter");
	}

}
