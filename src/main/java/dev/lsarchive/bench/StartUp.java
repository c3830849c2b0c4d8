package dev.lsarchive.bench;

/**
 * The start-up of the benchmark's first job run, exec to its first API request: the JVM and the
 * benchmark's own (light) context until the benchmark begins, then the job's context from its launch
 * until the simulator receives its first request. The benchmark's own work in between (creating its
 * database, generating the simulated account) is not counted.
 *
 * @param jvmStartMillis the JVM's start ({@code RuntimeMXBean.getStartTime()}, epoch milliseconds)
 * @param benchStartMillis when the benchmark began (epoch milliseconds)
 * @param launchNanos {@code System.nanoTime()} when the first job run was launched
 * @param firstRequestNanos {@code System.nanoTime()} when the simulator received its first request
 */
record StartUp(long jvmStartMillis, long benchStartMillis, long launchNanos, long firstRequestNanos) {

	double seconds() {
		return (this.benchStartMillis - this.jvmStartMillis) / 1e3 + (this.firstRequestNanos - this.launchNanos) / 1e9;
	}

}
