package dev.lsarchive.reporting;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ApiFieldsTests {

	@Test
	void aChunksPathsAreCountedPerRecordWhetherTheirSetIsSharedOrEachRecordsOwn() {
		// given: three records sharing one set, two with sets of their own, one with no field
		Set<String> shared = Set.of("eventCode", "timestamp");
		ApiFields.Seen seen = new ApiFields.Seen();

		// when
		seen.add(shared);
		seen.add(shared);
		seen.add(shared);
		seen.add(new LinkedHashSet<>(List.of("eventCode", "timestamp", "cdn", "cdn.edgeRegion")));
		seen.add(new LinkedHashSet<>(List.of("eventCode", "timestamp", "cdn", "cdn.edgeRegion")));
		seen.add(Set.of());

		// then
		assertThat(seen.byPath()).containsExactly(entry("cdn", 2L), entry("cdn.edgeRegion", 2L), entry("eventCode", 5L),
				entry("timestamp", 5L));
		assertThat(new ApiFields.Seen().byPath()).isEmpty();
	}

}
