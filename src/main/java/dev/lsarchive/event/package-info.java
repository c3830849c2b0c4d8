/**
 * The {@code events} step: channels partitioned across threads, each channel's event list read as a
 * stream in blocks, normalized, and written with COPY, with the day counts in the same transaction.
 */
package dev.lsarchive.event;
