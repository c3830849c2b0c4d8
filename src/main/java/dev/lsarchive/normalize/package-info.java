/**
 * Normalization primitives, pure functions: epoch times, channel statuses, the one rule for storable
 * text, and the outcome of normalizing a record (a row, or a quarantine entry).
 */
package dev.lsarchive.normalize;
