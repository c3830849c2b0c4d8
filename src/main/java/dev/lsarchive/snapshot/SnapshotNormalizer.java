package dev.lsarchive.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.SnapshotDto;
import dev.lsarchive.normalize.ChannelStatus;
import dev.lsarchive.normalize.EpochTime;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.normalize.StorableText;

/**
 * Turns snapshot info into a {@link SnapshotRow}, or a quarantine entry saying why not. A listed
 * snapshot whose info is gone (it is readable for one hour only) is not bad data: it becomes a row
 * with what the listing said and {@code infoCaptured = false}.
 */
class SnapshotNormalizer implements ItemProcessor<SnapshotFetch, Outcome<SnapshotRow>> {

	private final EpochTime epochTime;

	SnapshotNormalizer(Clock clock) {
		this.epochTime = new EpochTime(clock);
	}

	@Override
	public Outcome<SnapshotRow> process(SnapshotFetch fetch) {
		SnapshotDto snapshot = fetch.snapshot();
		StorableText.Fields text = new StorableText.Fields();
		if (snapshot == null) {
			ChannelStatus listed = ChannelStatus.of(text.identifier("channelStatus", fetch.listedStatus()));
			if (text.problem() != null) {
				listed = ChannelStatus.of(null);
			}
			return Outcome.archive(new SnapshotRow(fetch.channelId(), fetch.snapshotId(), null, listed.value(),
					listed.raw(), listed.known(), null, null, null, false, null, Set.of()));
		}
		String snapshotUrl = text.text("snapshotUrl", snapshot.snapshotUrl());
		String channelStatus = text.identifier("channelStatus", snapshot.channelStatus());
		if (text.problem() != null) {
			return reject(fetch, text.problem(), snapshot.payload());
		}
		if (snapshot.snapshotId() != null && !snapshot.snapshotId().trim().equals(Long.toString(fetch.snapshotId()))) {
			return reject(fetch, "the API answered with snapshot " + snapshot.snapshotId() + " instead", snapshot.payload());
		}
		Instant createdAt = null;
		if (snapshot.createdTime() != null) {
			EpochTime.Parsed created = this.epochTime.parse(snapshot.createdTime(), "snapshot.createdTime");
			if (!created.valid()) {
				return reject(fetch, created.error(), snapshot.payload());
			}
			createdAt = created.instant();
		}
		Instant expireAt = null;
		if (snapshot.expireTime() != null) {
			// expiry lies up to an hour ahead; "now + 1 day" still bounds it
			EpochTime.Parsed expire = this.epochTime.parse(snapshot.expireTime(), "snapshot.expireTime");
			if (!expire.valid()) {
				return reject(fetch, expire.error(), snapshot.payload());
			}
			expireAt = expire.instant();
		}
		Integer duration = null;
		if (snapshot.duration() != null) {
			try {
				duration = Integer.valueOf(snapshot.duration().trim());
			}
			catch (NumberFormatException ex) {
				return reject(fetch, "snapshot.duration is not a number of minutes: " + snapshot.duration(),
						snapshot.payload());
			}
			if (duration < 0) {
				return reject(fetch, "snapshot.duration is negative: " + duration, snapshot.payload());
			}
		}
		ChannelStatus status = ChannelStatus.of(channelStatus);
		return Outcome.archive(new SnapshotRow(fetch.channelId(), fetch.snapshotId(), snapshotUrl, status.value(),
				status.raw(), status.known(), createdAt, expireAt, duration, true, StorableText.json(snapshot.payload()),
				snapshot.fields()));
	}

	private static Outcome<SnapshotRow> reject(SnapshotFetch fetch, @Nullable String reason, String payload) {
		return Outcome.quarantine(new QuarantineRecord("snapshot", endpoint(fetch.channelId(), fetch.snapshotId()),
				fetch.channelId(), reason, payload));
	}

	/** The request a snapshot's info comes from. */
	static String endpoint(String channelId, long snapshotId) {
		return ApiPath.SNAPSHOT.label(channelId, Long.toString(snapshotId));
	}

}
