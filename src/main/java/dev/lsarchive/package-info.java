/**
 * livestation-archive: a Spring Batch job that archives what NAVER Cloud Live Station knows about an
 * account into PostgreSQL. {@link dev.lsarchive.ArchiveApplication} runs one job (or the simulator,
 * the health check or the benchmark, by profile) and exits with its exit code.
 */
package dev.lsarchive;
