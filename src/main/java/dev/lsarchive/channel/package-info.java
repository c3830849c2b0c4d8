/**
 * The {@code channels} step: reads the whole channel list page by page (healing drift), normalizes
 * each channel, and writes channels, their status history and the run's listing.
 */
package dev.lsarchive.channel;
