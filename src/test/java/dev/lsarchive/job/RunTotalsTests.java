package dev.lsarchive.job;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lsarchive.batch.Counter;
import dev.lsarchive.batch.Counter.Tally;

import static org.assertj.core.api.Assertions.assertThat;

class RunTotalsTests {

	@Test
	void itemsAddUpEveryResourceInOneVocabulary() {
		// given
		RunTotals totals = new RunTotals(Map.of(Counter.CHANNELS_READ, 3L, Counter.CHANNELS_UNCHANGED, 3L,
				Counter.EVENTS_READ, 10L, Counter.EVENTS_WRITTEN, 6L, Counter.EVENTS_UNCHANGED, 3L,
				Counter.EVENTS_QUARANTINED, 1L, Counter.SNAPSHOTS_READ, 2L, Counter.SNAPSHOTS_WRITTEN, 2L));

		// then
		assertThat(totals.itemsRead()).isEqualTo(15);
		assertThat(totals.items(Tally.WRITTEN)).isEqualTo(8);
		assertThat(totals.itemsAlreadyArchived()).isEqualTo(6);
		assertThat(totals.itemsQuarantined()).isEqualTo(1);
		assertThat(totals.reconciled()).isTrue();
		assertThat(new RunTotals(Map.of(Counter.EVENTS_READ, 2L, Counter.EVENTS_WRITTEN, 1L)).reconciled()).isFalse();
		assertThat(totals.byKey()).containsEntry("events.already_archived", 3L).containsEntry("channels.read", 3L);
	}

}
