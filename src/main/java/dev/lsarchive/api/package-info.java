/**
 * The Live Station API client: signed requests, retries with a shared rate budget, streamed event
 * lists with bounded memory, and the DTOs the steps read. All HTTP stays in this package; answers are
 * redacted of stream keys and passwords before anything else sees them.
 */
package dev.lsarchive.api;
