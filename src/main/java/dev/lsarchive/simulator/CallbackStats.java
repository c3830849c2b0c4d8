package dev.lsarchive.simulator;

/**
 * What the simulator's callback sender has done so far.
 *
 * @param events events taken from the account's clock for an endpoint (dropped ones included)
 * @param dropped events whose callback was never sent (the {@code callback-drop-share} fault)
 * @param attempts HTTP requests made, retries and second deliveries included
 * @param retries attempts after a non-2xx answer or a connection failure
 * @param acknowledged events an endpoint acknowledged (2xx) at least once
 * @param duplicates second deliveries made of an event already acknowledged
 * @param givenUp deliveries abandoned after their last attempt failed
 */
public record CallbackStats(long events, long dropped, long attempts, long retries, long acknowledged,
		long duplicates, long givenUp) {
}
