package dev.lsarchive.simulator;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.ChannelKind;

/**
 * Sends a request to the renderer of the {@link ApiPath} it names, with the path's variables (a POST
 * to a callback registration); any other path is answered 404.
 */
final class ApiRouter {

	private final ChannelListingRenderer listings;

	private final ChannelInfoRenderer channels;

	private final EventListRenderer events;

	private final RecordingRenderer recordings;

	private final SnapshotRenderer snapshots;

	private final CallbackRegistrationRenderer registrations;

	ApiRouter(SimulatorProperties properties, SimulatedDataset dataset, AccountClock clock, FaultInjector faults,
			CallbackEndpoints endpoints, Runnable registered) {
		ExtraFields extra = ExtraFields.of(properties.extraFields());
		this.listings = new ChannelListingRenderer(dataset, clock, faults, extra);
		this.channels = new ChannelInfoRenderer(dataset, clock, extra);
		this.events = new EventListRenderer(properties, dataset, clock, extra);
		this.recordings = new RecordingRenderer(dataset, clock, extra);
		this.snapshots = new SnapshotRenderer(dataset, clock, extra);
		this.registrations = new CallbackRegistrationRenderer(dataset, clock, endpoints, registered);
	}

	/** Whether {@code path} is one that takes a POST: a callback registration. */
	static boolean posts(String path) {
		return ApiPath.CALLBACK_ENDPOINT.match(path) != null || registeredKind(path) != null;
	}

	void route(SimulatorExchange exchange) throws IOException {
		String path = exchange.path();
		if ("POST".equals(exchange.method())) {
			ChannelKind kind = registeredKind(path);
			if (kind != null) {
				this.registrations.registerChannel(exchange, kind, ApiPath.callbackEndpoint(kind).match(path).get(0));
			}
			else {
				this.registrations.registerDefault(exchange);
			}
			return;
		}
		if (posts(path)) {
			exchange.gatewayError(404, "300", "Not Found", null);
			return;
		}
		for (ChannelKind kind : ChannelKind.values()) {
			if (ApiPath.listing(kind).match(path) != null) {
				this.listings.render(exchange, kind.name());
				return;
			}
		}
		List<String> values;
		if (ApiPath.EVENTS.match(path) != null) {
			this.events.render(exchange, exchange.query().get(ApiPath.CHANNEL_ID));
		}
		else if ((values = ApiPath.CHANNEL_EVENTS.match(path)) != null) {
			this.events.render(exchange, values.get(0));
		}
		else if ((values = ApiPath.RECORDINGS.match(path)) != null) {
			this.recordings.render(exchange, values.get(0), null);
		}
		else if ((values = ApiPath.RECORDING.match(path)) != null) {
			this.recordings.render(exchange, values.get(0), values.get(1));
		}
		else if ((values = ApiPath.SNAPSHOT.match(path)) != null) {
			this.snapshots.render(exchange, values.get(0), values.get(1));
		}
		else if ((values = ApiPath.CHANNEL.match(path)) != null) {
			this.channels.render(exchange, values.get(0), false);
		}
		else if ((values = ApiPath.RE_STREAM_CHANNEL.match(path)) != null) {
			this.channels.render(exchange, values.get(0), true);
		}
		else {
			exchange.gatewayError(404, "300", "Not Found", null);
		}
	}

	private static @Nullable ChannelKind registeredKind(String path) {
		for (ChannelKind kind : ChannelKind.values()) {
			if (ApiPath.callbackEndpoint(kind).match(path) != null) {
				return kind;
			}
		}
		return null;
	}

}
