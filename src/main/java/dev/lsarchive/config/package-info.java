/**
 * Settings and configuration every step of the archive shares: {@code archive.*} settings, the
 * profile condition of the archiving process, the clock, progress lines and the quarantine writer;
 * and the process exit codes every mode answers a scheduler with.
 */
package dev.lsarchive.config;
