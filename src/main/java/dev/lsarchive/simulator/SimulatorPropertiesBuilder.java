package dev.lsarchive.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Simulator settings changed one at a time, from a starting point ({@link SimulatorProperties#toBuilder()}). */
public final class SimulatorPropertiesBuilder {

	private int port;

	private String accessKey;

	private String secretKey;

	private Duration allowedSkew;

	private long seed;

	private int channels;

	private int eventsPerChannel;

	private double snapshotShare;

	private Duration latency;

	private int threads;

	private double legacyStatusShare;

	private double mixedCaseShare;

	private double missingChannelIdShare;

	private double secondsTimestampShare;

	private double badEventShare;

	private boolean errorCodeAsNumber;

	private SimulatorProperties.Faults faults;

	private double eventsPerDay;

	private Duration retention;

	private int maxEventsPerList;

	private int newChannelsPerDay;

	private Duration recordingsKept;

	private double neverPublishingShare;

	private List<String> extraFields;

	private @Nullable Instant anchor;

	private SimulatorProperties.Callbacks callbacks;

	SimulatorPropertiesBuilder(SimulatorProperties from) {
		this.port = from.port();
		this.accessKey = from.accessKey();
		this.secretKey = from.secretKey();
		this.allowedSkew = from.allowedSkew();
		this.seed = from.seed();
		this.channels = from.channels();
		this.eventsPerChannel = from.eventsPerChannel();
		this.snapshotShare = from.snapshotShare();
		this.latency = from.latency();
		this.threads = from.threads();
		this.legacyStatusShare = from.legacyStatusShare();
		this.mixedCaseShare = from.mixedCaseShare();
		this.missingChannelIdShare = from.missingChannelIdShare();
		this.secondsTimestampShare = from.secondsTimestampShare();
		this.badEventShare = from.badEventShare();
		this.errorCodeAsNumber = from.errorCodeAsNumber();
		this.faults = from.faults();
		this.eventsPerDay = from.eventsPerDay();
		this.retention = from.retention();
		this.maxEventsPerList = from.maxEventsPerList();
		this.newChannelsPerDay = from.newChannelsPerDay();
		this.recordingsKept = from.recordingsKept();
		this.neverPublishingShare = from.neverPublishingShare();
		this.extraFields = from.extraFields();
		this.anchor = from.anchor();
		this.callbacks = from.callbacks();
	}

	/** The instant the generated history ends at (null: the start of the current UTC day). */
	public SimulatorPropertiesBuilder anchor(@Nullable Instant anchor) {
		this.anchor = anchor;
		return this;
	}

	/** How events are pushed to registered callback endpoints. */
	public SimulatorPropertiesBuilder callbacks(SimulatorProperties.Callbacks callbacks) {
		this.callbacks = callbacks;
		return this;
	}

	/** Fields added to every record served, e.g. {@code List.of("futureFlag", "cdn.edgeRegion")}. */
	public SimulatorPropertiesBuilder extraFields(List<String> extraFields) {
		this.extraFields = extraFields;
		return this;
	}

	public SimulatorPropertiesBuilder neverPublishingShare(double neverPublishingShare) {
		this.neverPublishingShare = neverPublishingShare;
		return this;
	}

	public SimulatorPropertiesBuilder recordingsKept(Duration recordingsKept) {
		this.recordingsKept = recordingsKept;
		return this;
	}

	public SimulatorPropertiesBuilder eventsPerDay(double eventsPerDay) {
		this.eventsPerDay = eventsPerDay;
		return this;
	}

	public SimulatorPropertiesBuilder retention(Duration retention) {
		this.retention = retention;
		return this;
	}

	public SimulatorPropertiesBuilder maxEventsPerList(int maxEventsPerList) {
		this.maxEventsPerList = maxEventsPerList;
		return this;
	}

	public SimulatorPropertiesBuilder newChannelsPerDay(int newChannelsPerDay) {
		this.newChannelsPerDay = newChannelsPerDay;
		return this;
	}

	public SimulatorPropertiesBuilder accessKey(String accessKey) {
		this.accessKey = accessKey;
		return this;
	}

	public SimulatorPropertiesBuilder secretKey(String secretKey) {
		this.secretKey = secretKey;
		return this;
	}

	public SimulatorPropertiesBuilder seed(long seed) {
		this.seed = seed;
		return this;
	}

	public SimulatorPropertiesBuilder channels(int channels) {
		this.channels = channels;
		return this;
	}

	public SimulatorPropertiesBuilder eventsPerChannel(int eventsPerChannel) {
		this.eventsPerChannel = eventsPerChannel;
		return this;
	}

	public SimulatorPropertiesBuilder snapshotShare(double snapshotShare) {
		this.snapshotShare = snapshotShare;
		return this;
	}

	public SimulatorPropertiesBuilder latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	public SimulatorPropertiesBuilder threads(int threads) {
		this.threads = threads;
		return this;
	}

	/** No legacy statuses, mixed-case codes, missing channel ids, second timestamps or bad events. */
	public SimulatorPropertiesBuilder noOddities() {
		this.legacyStatusShare = 0;
		this.mixedCaseShare = 0;
		this.missingChannelIdShare = 0;
		this.secondsTimestampShare = 0;
		this.badEventShare = 0;
		return this;
	}

	public SimulatorPropertiesBuilder secondsTimestampShare(double secondsTimestampShare) {
		this.secondsTimestampShare = secondsTimestampShare;
		return this;
	}

	public SimulatorPropertiesBuilder badEventShare(double badEventShare) {
		this.badEventShare = badEventShare;
		return this;
	}

	public SimulatorPropertiesBuilder errorCodeAsNumber(boolean errorCodeAsNumber) {
		this.errorCodeAsNumber = errorCodeAsNumber;
		return this;
	}

	public SimulatorPropertiesBuilder faults(SimulatorProperties.Faults faults) {
		this.faults = faults;
		return this;
	}

	public SimulatorProperties build() {
		return new SimulatorProperties(this.port, this.accessKey, this.secretKey, this.allowedSkew, this.seed,
				this.channels, this.eventsPerChannel, this.snapshotShare, this.latency, this.threads,
				this.legacyStatusShare, this.mixedCaseShare, this.missingChannelIdShare, this.secondsTimestampShare,
				this.badEventShare, this.errorCodeAsNumber, this.faults, this.eventsPerDay, this.retention,
				this.maxEventsPerList, this.newChannelsPerDay, this.recordingsKept, this.neverPublishingShare,
				this.extraFields, this.anchor, this.callbacks);
	}

}
