/**
 * A resource that exists only in the tests, archived as a new resource would be: its declaration,
 * normalizer, writer and step here, and one line that adds its step to the job's flow
 * ({@link dev.lsarchive.example.ExampleConfiguration}). It proves that its counts reach the summary,
 * the ledger, the metrics and the JSON summary with no change to the batch or job packages.
 */
package dev.lsarchive.example;
