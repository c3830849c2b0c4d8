/**
 * Settings and configuration every step of the archive shares: {@code archive.*} settings, the
 * profile condition of the archiving process, the clock, progress lines and the quarantine writer.
 */
package dev.lsarchive.config;
