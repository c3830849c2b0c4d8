package dev.lsarchive.snapshot;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.batch.CommittedState;
import dev.lsarchive.batch.ListingCounts;

/**
 * Fetches the snapshot info of every listed snapshot, in channel order, several requests at a time
 * (bounded by {@code concurrency} and by the client's rate budget): one request per snapshot would
 * otherwise wait out every round trip in turn. The nightly run lists the snapshots its channels step
 * recorded for the run date, and saves the index in that listing on commit, so that a restart skips
 * the committed ones; a snapshot capture lists afresh on every start and saves no position, only
 * what its listing counted (the channels listed, the snapshots found archived already).
 * <p>
 * A listed snapshot the archive holds already (a capture caught it within its hour, or an earlier run
 * found it expired) is not asked again: captured info cannot change, and expired info never comes
 * back. The nightly run passes over such snapshots in its listing and counts them read and unchanged
 * ({@link SnapshotResource#READ_UNCHANGED}, saved with the position); a capture leaves them out of its
 * listing.
 */
class SnapshotReader extends AbstractItemCountingItemStreamItemReader<SnapshotFetch> {

	// every snapshot listed, archived or not, so that the saved index means the same on a restart
	private static final String LISTED = """
			SELECT l.channel_id, l.snapshot_id, c.channel_status_raw, s.channel_id IS NOT NULL AS archived
			FROM livestation.listed_channel l LEFT JOIN livestation.channel c ON c.channel_id = l.channel_id
			LEFT JOIN livestation.snapshot s ON s.channel_id = l.channel_id AND s.snapshot_id = l.snapshot_id
			WHERE l.run_date = ? AND l.snapshot_id IS NOT NULL ORDER BY l.channel_id
			""";

	/** The snapshots the channels step listed for {@code runDate}, each marked when archived already. */
	static Supplier<SnapshotListing> listedOn(JdbcTemplate jdbc, LocalDate runDate) {
		return () -> SnapshotListing.of(jdbc.query(LISTED, (rs, n) -> new ListedSnapshot(rs.getString(1),
				rs.getLong(2), rs.getString(3), rs.getBoolean(4)), runDate));
	}

	private final LiveStationClient client;

	private final Supplier<SnapshotListing> listing;

	private final int concurrency;

	private final ArrayDeque<CompletableFuture<SnapshotFetch>> ahead = new ArrayDeque<>();

	private List<ListedSnapshot> listed = List.of();

	private @Nullable ListingCounts channelsListed;

	// a resumed capture keeps what its first listing found archived already: what it wrote since is its own
	private @Nullable Long archivedAlready;

	private int nextToFetch;

	// listed snapshots archived already, passed over: in the executions resumed, and in this one
	private long passedOverBefore;

	private long passedOver;

	private ExecutorService fetchers;

	SnapshotReader(LiveStationClient client, Supplier<SnapshotListing> listing, int concurrency,
			boolean restartable) {
		this.client = client;
		this.listing = listing;
		this.concurrency = concurrency;
		setName("snapshots");
		setSaveState(restartable);
	}

	@Override
	public void open(ExecutionContext context) {
		this.archivedAlready = (context.get(SnapshotResource.READ_UNCHANGED.contextKey()) instanceof Number number)
				? number.longValue() : null;
		this.passedOverBefore = (this.archivedAlready != null) ? this.archivedAlready : 0;
		this.passedOver = 0;
		super.open(context);
	}

	@Override
	protected void doOpen() {
		SnapshotListing listing = this.listing.get();
		this.listed = listing.toRead();
		this.channelsListed = listing.channels();
		if (this.channelsListed != null && this.archivedAlready == null) {
			this.archivedAlready = listing.archivedAlready();
		}
		this.fetchers = Executors.newFixedThreadPool(this.concurrency, (task) -> {
			Thread thread = new Thread(task, "snapshots-fetch");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	protected SnapshotFetch doRead() throws InterruptedException {
		int index = getCurrentItemCount() - 1;
		while (index < this.listed.size() && this.listed.get(index).archived()) {
			index++;
			this.passedOver++;
		}
		// the position counts the snapshots passed over: a restart resumes after them
		setCurrentItemCount(index + 1);
		if (index >= this.listed.size()) {
			return null;
		}
		if (this.nextToFetch <= index) {
			this.nextToFetch = index;
		}
		// keep a window of requests in flight ahead of the item being read, in the listing's order
		while (this.nextToFetch < this.listed.size() && this.ahead.size() < this.concurrency * 2) {
			ListedSnapshot next = this.listed.get(this.nextToFetch++);
			if (next.archived()) {
				continue;
			}
			this.ahead.add(CompletableFuture.supplyAsync(() -> new SnapshotFetch(next.channelId(), next.snapshotId(),
					next.listedStatus(), this.client.snapshot(next.channelId(), Long.toString(next.snapshotId())).orElse(null)),
					this.fetchers));
		}
		try {
			return this.ahead.poll().get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public void update(ExecutionContext context) {
		CommittedState.guard(context, getExecutionContextKey("read.count"), SnapshotResource.READ_UNCHANGED.contextKey());
		super.update(context);
		if (this.channelsListed != null) {
			this.channelsListed.putInto(context);
			context.putLong(SnapshotResource.READ_UNCHANGED.contextKey(), this.archivedAlready);
		}
		else if (this.passedOverBefore + this.passedOver > 0) {
			context.putLong(SnapshotResource.READ_UNCHANGED.contextKey(), this.passedOverBefore + this.passedOver);
		}
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// the position is an index into the listing: no need to fetch the skipped snapshots again
		setCurrentItemCount(itemIndex);
		this.nextToFetch = itemIndex;
	}

	@Override
	protected void doClose() {
		this.ahead.forEach((fetch) -> fetch.cancel(true));
		this.ahead.clear();
		if (this.fetchers != null) {
			this.fetchers.shutdownNow();
		}
		this.listed = List.of();
	}

}
