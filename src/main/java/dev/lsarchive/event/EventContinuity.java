package dev.lsarchive.event;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The continuity rule: what one channel's event list, read whole at {@code readAt}, proves about
 * the channel's history, and whether it leaves a window in which events may have been lost.
 * <p>
 * Live Station documents no retention and no paging for event lists, so the rule trusts only
 * evidence:
 * <ul>
 * <li>A list shows every event of its channel from its oldest event through the moment it was
 * read; a list may be capped (only its newest events), so its oldest event is all it proves for
 * sure.</li>
 * <li>Retention is at least the longest span any list ever showed (read instant minus oldest
 * event): an event younger than that is still shown. A list that is not possibly capped (it is
 * shorter than the longest list ever received, or shorter than {@link #SMALLEST_CAP}) therefore
 * proves that span back from its read instant too; an empty list proves exactly that span.</li>
 * <li>A list byte for byte the one archived before shows that nothing appeared or vanished since:
 * it proves continuity since the previous read.</li>
 * </ul>
 * A channel is covered through the instant of the last list read; when the window a list proves
 * starts after that, the events in between may have been lost, and that window is a gap. An idle
 * channel's empty list proves the retention span: nightly runs shorter apart than the retention
 * never raise an alarm for it.
 */
final class EventContinuity {

	/**
	 * Lists shorter than this are never taken for capped: a cap that small would leave the list of
	 * any channel in use nearly empty (Live Station's sibling, VOD Station, pages events 20 at a time).
	 */
	static final int SMALLEST_CAP = 5;

	private EventContinuity() {
	}

	/** Judges {@code list} against what the archive knew before it. */
	static Judgement judge(@Nullable Coverage previous, ListRead list, Evidence evidence) {
		Instant provenFrom = provenFrom(previous, list, evidence);
		if (previous == null) {
			return new Judgement(new Coverage(provenFrom, list.readAt()), null);
		}
		Instant through = later(previous.coveredThrough(), list.readAt());
		if (!provenFrom.isAfter(previous.coveredThrough())) {
			return new Judgement(new Coverage(previous.coveredFrom(), through), null);
		}
		return new Judgement(new Coverage(previous.coveredFrom(), through),
				new Gap(previous.coveredThrough(), provenFrom));
	}

	private static Instant provenFrom(@Nullable Coverage previous, ListRead list, Evidence evidence) {
		Instant retained = list.readAt().minus(evidence.longestSpan());
		if (list.unchanged()) {
			return (previous != null) ? earlier(previous.coveredThrough(), retained) : retained;
		}
		if (list.events() == 0 || list.oldest() == null) {
			return retained;
		}
		boolean possiblyCapped = list.events() >= evidence.largestList() && list.events() >= SMALLEST_CAP;
		return possiblyCapped ? list.oldest() : earlier(list.oldest(), retained);
	}

	private static Instant earlier(Instant one, Instant other) {
		return one.isBefore(other) ? one : other;
	}

	private static Instant later(Instant one, Instant other) {
		return one.isAfter(other) ? one : other;
	}

	/**
	 * What the archive holds of a channel's history without a hole.
	 *
	 * @param coveredFrom from when
	 * @param coveredThrough through when (the instant of the last list read)
	 */
	record Coverage(Instant coveredFrom, Instant coveredThrough) {
	}

	/**
	 * One channel's list, read whole.
	 *
	 * @param readAt when it was requested
	 * @param events events it held
	 * @param oldest its oldest event archived (null when it held none)
	 * @param unchanged whether it was byte for byte the list archived before
	 */
	record ListRead(Instant readAt, long events, @Nullable Instant oldest, boolean unchanged) {
	}

	/**
	 * What all lists ever read say about the API.
	 *
	 * @param longestSpan the longest time back any list reached: retention is at least that
	 * @param largestList the most events any list held: a list that long may have been capped
	 */
	record Evidence(Duration longestSpan, long largestList) {

		static final Evidence NONE = new Evidence(Duration.ZERO, 0);

		/** This evidence and what {@code list} adds to it. */
		Evidence with(ListRead list) {
			Duration span = this.longestSpan;
			if (!list.unchanged() && list.oldest() != null) {
				Duration reached = Duration.between(list.oldest(), list.readAt());
				span = (reached.compareTo(span) > 0) ? reached : span;
			}
			return new Evidence(span, Math.max(this.largestList, list.events()));
		}

	}

	/**
	 * A window in which events of the channel may have been lost.
	 *
	 * @param after the instant through which the archive was covered
	 * @param before the instant from which the list proved coverage again
	 */
	record Gap(Instant after, Instant before) {
	}

	/**
	 * The rule's answer.
	 *
	 * @param coverage the channel's coverage after the list
	 * @param gap the window of possible loss, if the list did not overlap what was covered
	 */
	record Judgement(Coverage coverage, @Nullable Gap gap) {
	}

}
