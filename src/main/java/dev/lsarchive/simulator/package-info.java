/**
 * A Live Station simulator over real HTTP, shipped in the jar for the demo, the benchmark and the
 * tests: a generated account with configurable faults, signed like the real gateway.
 * {@link dev.lsarchive.simulator.LiveStationSimulator} runs the gateway (authentication, faults, one
 * renderer per resource behind the routes of {@link dev.lsarchive.api.ApiPath}) over a
 * {@link dev.lsarchive.simulator.SimulatedDataset} (one generator per resource), and pushes the
 * account's events to the callback endpoints registered with it, as a real at-least-once sender.
 */
package dev.lsarchive.simulator;
