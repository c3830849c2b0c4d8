package dev.lsarchive.callback;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.normalize.QuarantineRecord;

/**
 * A request waiting in the queue for its commit: a callback to store, or a refused body to quarantine.
 *
 * @param callback the callback to store, or null
 * @param refused the quarantine record of a refused body, or null
 * @param exchange the request to answer once committed; null for a quarantine record nobody waits for
 */
record Pending(@Nullable Callback callback, @Nullable QuarantineRecord refused, @Nullable Exchange exchange) {

	static Pending store(Callback callback, Exchange exchange) {
		return new Pending(callback, null, exchange);
	}

	static Pending quarantine(QuarantineRecord record, @Nullable Exchange exchange) {
		return new Pending(null, record, exchange);
	}

}
