package dev.lsarchive.bench;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSamplerTests {

	@Test
	void splitsTheMachinesBusyTimeIntoThisJvmAndTheRest() {
		// given: 2 s on 2 cores, three quarters of the ticks busy; the JVM used 1.5 CPU-s, 0.5 of it compiling
		CpuSampler.Sample first = new CpuSampler.Sample(10_000, 100, 400, 2_000_000_000L, 70);
		CpuSampler.Sample last = new CpuSampler.Sample(12_000, 400, 800, 3_500_000_000L, 120);

		// when
		String line = CpuSampler.describe(first, last, 2);

		// then
		assertThat(line).isEqualTo("3.0 CPU-s busy of 4.0 (2 cores x 2.0 s): this JVM 1.5 (its JIT compilers 0.5),"
				+ " other processes 1.5 (PostgreSQL, when it runs on this machine)");
	}

	@Test
	void reportsOnlyTheJvmWhereTheMachineCannotBeRead() {
		// given: no /proc
		CpuSampler.Sample first = new CpuSampler.Sample(0, 0, 0, 0, -1);
		CpuSampler.Sample last = new CpuSampler.Sample(4_000, 0, 0, 3_000_000_000L, -1);

		// when
		String line = CpuSampler.describe(first, last, 8);

		// then
		assertThat(line).isEqualTo("this JVM 3.0 CPU-s in 4.0 s");
	}

	@Test
	void countsIdleAndIowaitAsNotBusy() {
		// when: user nice system idle iowait irq softirq steal guest guest_nice
		long[] ticks = CpuSampler.busyAndTotalTicks("cpu  1000 10 200 5000 300 0 40 50 7 0");

		// then: guest time is part of user already and is not counted twice
		assertThat(ticks).containsExactly(1300, 6600);
	}

	@Test
	void readsUserAndSystemTicksOfCompilerThreadsOnly() {
		// given: /proc/<pid>/task/<tid>/stat lines, the thread's name (cut to 15 characters) in parentheses
		String compiler = "812 (C2 CompilerThre) S 1 1 0 0 -1 1077936192 0 0 0 0 431 17 0 0 20 0 1 0 2 0 0";
		String worker = "813 (events-1) R 1 1 0 0 -1 1077936192 0 0 0 0 900 40 0 0 20 0 1 0 2 0 0";

		// then
		assertThat(CpuSampler.compilerTicksOf(compiler)).isEqualTo(448);
		assertThat(CpuSampler.compilerTicksOf(worker)).isZero();
	}

	@Test
	void aCompilerThreadThatEndedKeepsTheTicksItUsed() {
		// given: two compiler threads, then only the second, which has used more since
		Map<String, Long> seen = new HashMap<>();
		String c1 = "812 (C1 CompilerThre) S 1 1 0 0 -1 1077936192 0 0 0 0 90 10 0 0 20 0 1 0 2 0 0";
		String c1Later = "813 (C1 CompilerThre) S 1 1 0 0 -1 1077936192 0 0 0 0 40 10 0 0 20 0 1 0 2 0 0";
		String c1LaterStill = "813 (C1 CompilerThre) S 1 1 0 0 -1 1077936192 0 0 0 0 55 15 0 0 20 0 1 0 2 0 0";

		// when
		long first = CpuSampler.keptCompilerTicks(seen, Map.of("812", c1, "813", c1Later));
		long after = CpuSampler.keptCompilerTicks(seen, Map.of("813", c1LaterStill));

		// then: the ended thread's 100 ticks stay counted, and the total never goes down
		assertThat(first).isEqualTo(150);
		assertThat(after).isEqualTo(170);
	}

}
