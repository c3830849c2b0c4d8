package dev.lsarchive.job;

/** Fails a run whose share of quarantined records is above {@code archive.max-quarantine-ratio}. */
record QuarantineThreshold(double maxRatio) {

	void check(long read, long quarantined) {
		if (read == 0) {
			return;
		}
		double ratio = (double) quarantined / read;
		if (ratio > this.maxRatio) {
			throw new IllegalStateException(String.format(
					"%d of %d records (%.2f%%) were quarantined, above archive.max-quarantine-ratio=%s:"
							+ " see livestation.quarantine for the reasons",
					quarantined, read, ratio * 100, this.maxRatio));
		}
	}

}
