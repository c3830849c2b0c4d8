/**
 * The {@code snapshots} step: for every listed channel with a snapshot, its snapshot info, normalized
 * and written.
 */
package dev.lsarchive.snapshot;
