/**
 * Benchmark mode ({@code bench} profile), shipped in the jar: archives a generated account in a
 * database of its own and prints the first load and the re-run against PostgreSQL's own COPY.
 */
package dev.lsarchive.bench;
