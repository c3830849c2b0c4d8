package dev.lsarchive.callback;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * This instance's window of uninterrupted acknowledgement ({@code livestation.callback_receiver_window}),
 * kept so that it never claims more than is true: a commit extends it at most to just before the oldest
 * request still unanswered (other than those it commits itself), never past the start of a stop, and a
 * request that was not acknowledged (refused, timed out, or lost with a failed commit) ends it before its
 * arrival; the next commit opens a new window after it. Instants are microseconds since the epoch.
 */
final class ReceiverWindow {

	private static final long NONE = Long.MIN_VALUE;

	private final ConcurrentSkipListSet<Exchange> unanswered = new ConcurrentSkipListSet<>();

	private final AtomicLong lastInterruption = new AtomicLong(NONE);

	private volatile long stopAt = Long.MAX_VALUE;

	private long from = NONE;

	private long through = NONE;

	/** A request arrived: the window cannot pass its arrival until it is acknowledged. */
	void arrived(Exchange exchange) {
		this.unanswered.add(exchange);
	}

	/** A request was answered; one not acknowledged interrupts the window at its arrival. */
	void answered(Exchange exchange, boolean acknowledged) {
		this.unanswered.remove(exchange);
		if (!acknowledged) {
			interrupted(exchange.receivedMicros());
		}
	}

	/** Acknowledging stopped being possible at {@code micros} (a database failure, a refusal). */
	void interrupted(long micros) {
		this.lastInterruption.accumulateAndGet(micros, Math::max);
	}

	/** The receiver stops accepting at {@code micros}: no window reaches past it. */
	void stopping(long micros) {
		this.stopAt = micros;
	}

	/**
	 * What a commit at {@code now}, acknowledging the requests marked with {@code batch}, may claim: null
	 * when it may claim nothing (stopping, with the window interrupted).
	 */
	synchronized @Nullable Extension extension(long now, Object batch) {
		long bound = Math.min(now, this.stopAt);
		for (Exchange waiting : this.unanswered) {
			if (waiting.committingIn() != batch) {
				bound = Math.min(bound, waiting.receivedMicros() - 1);
				break;
			}
		}
		long interruption = this.lastInterruption.get();
		if (this.from == NONE || interruption > this.through) {
			// a stopping receiver claims no new window: what it still commits was accepted in the old one
			if (this.stopAt != Long.MAX_VALUE && this.from != NONE) {
				return null;
			}
			long opens = Math.max(bound, (interruption == NONE) ? bound : interruption + 1);
			return (opens > Math.min(now, this.stopAt)) ? null : new Extension(opens, opens);
		}
		return new Extension(this.from, Math.max(this.through, bound));
	}

	/** {@code extension} is committed. */
	synchronized void committed(Extension extension) {
		if (extension.from() == this.from) {
			this.through = Math.max(this.through, extension.through());
		}
		else if (extension.from() > this.from) {
			this.from = extension.from();
			this.through = extension.through();
		}
	}

	/** Arrival of the oldest request not answered yet, or null. */
	@Nullable Long oldestUnanswered() {
		for (Exchange oldest : this.unanswered) {
			return oldest.receivedMicros();
		}
		return null;
	}

	/**
	 * A window as one commit extends it.
	 *
	 * @param from its start (its identity with the receiver id)
	 * @param through how far it reaches with this commit
	 */
	record Extension(long from, long through) {
	}

}
