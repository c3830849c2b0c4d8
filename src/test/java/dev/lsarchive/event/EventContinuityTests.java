package dev.lsarchive.event;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.lsarchive.event.EventContinuity.Coverage;
import dev.lsarchive.event.EventContinuity.Evidence;
import dev.lsarchive.event.EventContinuity.Gap;
import dev.lsarchive.event.EventContinuity.Judgement;
import dev.lsarchive.event.EventContinuity.ListRead;

import static org.assertj.core.api.Assertions.assertThat;

class EventContinuityTests {

	private static final Instant NIGHT_1 = Instant.parse("2026-11-20T17:00:00Z");

	private static final Instant NIGHT_2 = NIGHT_1.plus(Duration.ofDays(1));

	private static final Instant NIGHT_3 = NIGHT_1.plus(Duration.ofDays(2));

	private static final Evidence THREE_DAYS = new Evidence(Duration.ofDays(3), 100);

	@Test
	void aListReachingBackPastWhatWasCoveredProvesContinuity() {
		// given
		Coverage covered = new Coverage(NIGHT_1.minus(Duration.ofDays(3)), NIGHT_1);

		// when
		Judgement judgement = EventContinuity.judge(covered, new ListRead(NIGHT_2, 10, NIGHT_1.minusSeconds(60), false),
				THREE_DAYS);

		// then
		assertThat(judgement.gap()).isNull();
		assertThat(judgement.coverage()).isEqualTo(new Coverage(covered.coveredFrom(), NIGHT_2));
	}

	@Test
	void aMissedNightWithAShortRetentionLeavesExactlyTheWindowNoListShowed() {
		// given: retention of a day and a half, as the lists showed; night 2 was missed
		Evidence dayAndAHalf = new Evidence(Duration.ofHours(36), 100);
		Coverage covered = new Coverage(NIGHT_1.minus(Duration.ofHours(36)), NIGHT_1);
		Instant oldestShown = NIGHT_3.minus(Duration.ofHours(35));

		// when
		Judgement judgement = EventContinuity.judge(covered, new ListRead(NIGHT_3, 12, oldestShown, false), dayAndAHalf);

		// then: from night 1 to where night 3's list proves coverage again
		assertThat(judgement.gap()).isEqualTo(new Gap(NIGHT_1, NIGHT_3.minus(Duration.ofHours(36))));
		assertThat(judgement.coverage().coveredThrough()).isEqualTo(NIGHT_3);
	}

	@Test
	void aListAsLongAsTheLongestEverMayBeCappedAndProvesOnlyFromItsOldestEvent() {
		// given: five events, the most any list ever held
		Coverage covered = new Coverage(NIGHT_1.minus(Duration.ofDays(3)), NIGHT_1);
		Instant oldestShown = NIGHT_2.minus(Duration.ofHours(3));

		// when
		Judgement capped = EventContinuity.judge(covered, new ListRead(NIGHT_2, 5, oldestShown, false),
				new Evidence(Duration.ofDays(3), 5));
		Judgement shorter = EventContinuity.judge(covered, new ListRead(NIGHT_2, 4, oldestShown, false),
				new Evidence(Duration.ofDays(3), 5));

		// then
		assertThat(capped.gap()).isEqualTo(new Gap(NIGHT_1, oldestShown));
		assertThat(shorter.gap()).isNull();
	}

	@Test
	void anIdleChannelsEmptyListRaisesNoAlarmNightAfterNight() {
		// given
		Coverage covered = new Coverage(NIGHT_1.minus(Duration.ofDays(3)), NIGHT_1);

		// when
		Judgement second = EventContinuity.judge(covered, new ListRead(NIGHT_2, 0, null, false), THREE_DAYS);
		Judgement third = EventContinuity.judge(second.coverage(), new ListRead(NIGHT_3, 0, null, false), THREE_DAYS);

		// then
		assertThat(second.gap()).isNull();
		assertThat(third.gap()).isNull();
		assertThat(third.coverage().coveredThrough()).isEqualTo(NIGHT_3);
	}

	@Test
	void withoutEvidenceAnEmptyListProvesNothingBackAndAnUnchangedListProvesContinuity() {
		// given
		Coverage covered = new Coverage(NIGHT_1.minus(Duration.ofDays(3)), NIGHT_1);

		// when
		Judgement empty = EventContinuity.judge(covered, new ListRead(NIGHT_2, 0, null, false), Evidence.NONE);
		Judgement unchanged = EventContinuity.judge(covered, new ListRead(NIGHT_2, 7, null, true), Evidence.NONE);
		Judgement first = EventContinuity.judge(null, new ListRead(NIGHT_2, 7, NIGHT_1, false), Evidence.NONE);

		// then
		assertThat(empty.gap()).isEqualTo(new Gap(NIGHT_1, NIGHT_2));
		assertThat(unchanged.gap()).isNull();
		assertThat(first.gap()).isNull();
		assertThat(first.coverage()).isEqualTo(new Coverage(NIGHT_1, NIGHT_2));
	}

	@Test
	void evidenceGrowsWithEveryListReadInFull() {
		// when
		Evidence evidence = Evidence.NONE.with(new ListRead(NIGHT_2, 9, NIGHT_2.minus(Duration.ofHours(30)), false))
			.with(new ListRead(NIGHT_2, 3, NIGHT_2.minus(Duration.ofHours(10)), false))
			.with(new ListRead(NIGHT_2, 20, null, true));

		// then
		assertThat(evidence).isEqualTo(new Evidence(Duration.ofHours(30), 20));
	}

}
