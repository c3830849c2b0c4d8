package dev.lsarchive.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.lsarchive.api.ApiPath;
import dev.lsarchive.api.ChannelKind;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four callback registrations ({@link ApiPath#CALLBACK_ENDPOINT} with {@code callbackUrl}, a channel's
 * of its kind with {@code callbackEndpoint}): a body without an absolute http(s) URL is refused with
 * Live Station's error body (400), a channel that is not of the path's kind answers 404 / 250004.
 */
final class CallbackRegistrationRenderer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimulatedDataset dataset;

	private final AccountClock clock;

	private final CallbackEndpoints endpoints;

	private final Runnable registered;

	CallbackRegistrationRenderer(SimulatedDataset dataset, AccountClock clock, CallbackEndpoints endpoints,
			Runnable registered) {
		this.dataset = dataset;
		this.clock = clock;
		this.endpoints = endpoints;
		this.registered = registered;
	}

	/** Registers the default endpoint. */
	void registerDefault(SimulatorExchange exchange) throws IOException {
		URI url = url(exchange, ApiPath.CALLBACK_URL);
		if (url == null) {
			return;
		}
		this.endpoints.registerDefault(url, this.clock.now());
		this.registered.run();
		exchange.respondJson((json) -> {
			json.writeStartObject();
			json.writeName("content");
			json.writeStartObject();
			json.writeStringProperty(ApiPath.CALLBACK_URL, url.toString());
			json.writeEndObject();
			json.writeEndObject();
		});
	}

	/** Registers the endpoint of a channel of {@code kind}. */
	void registerChannel(SimulatorExchange exchange, ChannelKind kind, String channelId) throws IOException {
		Optional<SimulatedChannel> channel = this.dataset.channel(channelId, this.clock.now().toEpochMilli())
			.filter((c) -> c.kind().equals(kind.name()));
		if (channel.isEmpty()) {
			exchange.liveStationError(404, 250004, "NOT_FOUND",
					"no " + kind.name().toLowerCase(Locale.ROOT) + " channel " + channelId);
			return;
		}
		URI url = url(exchange, ApiPath.CALLBACK_ENDPOINT_FIELD);
		if (url == null) {
			return;
		}
		this.endpoints.register(channelId, url, this.clock.now());
		this.registered.run();
		exchange.respondJson((json) -> {
			json.writeStartObject();
			json.writeName("content");
			json.writeStartObject();
			json.writeStringProperty(ApiPath.CHANNEL_ID, channelId);
			json.writeStringProperty(ApiPath.CALLBACK_ENDPOINT_FIELD, url.toString());
			json.writeEndObject();
			json.writeEndObject();
		});
	}

	// the URL of the body's {@code field}, or null once the refusal is answered
	private @Nullable URI url(SimulatorExchange exchange, String field) throws IOException {
		String text = null;
		try {
			JsonNode body = JSON.readTree(exchange.body());
			JsonNode value = (body != null) ? body.get(field) : null;
			text = (value != null && value.isString()) ? value.stringValue().strip() : null;
		}
		catch (JacksonException ex) {
			// answered below as a body without the URL
		}
		if (text == null || text.isEmpty()) {
			exchange.liveStationError(400, 250021, "INVALID_PARAMETER", field + " is required");
			return null;
		}
		try {
			URI url = new URI(text);
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
				return url;
			}
		}
		catch (URISyntaxException ex) {
			// answered below
		}
		exchange.liveStationError(400, 250021, "INVALID_PARAMETER", field + " must be an http or https URL");
		return null;
	}

}
