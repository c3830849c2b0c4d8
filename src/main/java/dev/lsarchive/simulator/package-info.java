/**
 * A Live Station simulator over real HTTP, shipped in the jar for the demo, the benchmark and the
 * tests: a generated account with configurable faults, signed like the real gateway.
 */
package dev.lsarchive.simulator;
