/**
 * Spring Batch and JDBC plumbing shared by the resource steps: what a resource declares of itself
 * (its counters under stable keys and its lines in the run summary), writers that publish their
 * counts only when a chunk commits and the shape of an upserting writer, guards for what a failed
 * commit leaves in an execution context, the partitions of channels that partitioned steps share, the
 * run of the step on this thread, progress lines, array binding, and the scan that isolates a row the
 * database refuses for a reason of its data.
 */
package dev.lsarchive.batch;
