/**
 * Normalization primitives, pure functions: epoch times, channel statuses, the event codes that
 * start and end sessions, the one rule for storable text, and the outcome of normalizing a record (a
 * row, or a quarantine entry).
 */
package dev.lsarchive.normalize;
