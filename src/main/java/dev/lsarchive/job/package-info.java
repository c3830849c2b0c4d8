/**
 * Assembles and runs the archive job: the job and its gate and refresh steps, the launcher (run lock,
 * recovery of dead runs, transient failures), the ledger, summary, metrics and the health check.
 */
package dev.lsarchive.job;
