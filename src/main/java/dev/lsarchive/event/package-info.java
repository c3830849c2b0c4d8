/**
 * The {@code events} step: channels partitioned across threads, each channel's event list read as a
 * stream in blocks, normalized, and written with COPY, with the day counts in the same transaction;
 * and the {@code callbacks} step after it ({@code CallbackReconciliation…}): the pushed events
 * reconciled with the lists (event ids onto pulled events, events no list showed archived, windows of
 * possible loss the receiver covered filled, events the receiver missed counted).
 */
package dev.lsarchive.event;
