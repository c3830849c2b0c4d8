package dev.lsarchive.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/** What tests and drills set up for given requests: holds that block one, and answers that replace the data set's. */
final class ScriptedRequests {

	private final Map<String, Scripted> scripted = new ConcurrentHashMap<>();

	private final List<RequestHold> holds = new CopyOnWriteArrayList<>();

	/** Bytes to answer a request for exactly one path and query with. */
	record Scripted(int status, String contentType, byte[] body) {
	}

	RequestHold hold(String pathPrefix, int nth) {
		RequestHold hold = new RequestHold(pathPrefix, nth);
		this.holds.add(hold);
		return hold;
	}

	void script(String pathWithQuery, Scripted answer) {
		this.scripted.put(pathWithQuery, answer);
	}

	/** Blocks, on the request's thread, while a hold holds a request for {@code path}. */
	void pass(String path) throws InterruptedException {
		for (RequestHold hold : this.holds) {
			hold.pass(path);
		}
	}

	@Nullable Scripted answerFor(String pathWithQuery) {
		return this.scripted.get(pathWithQuery);
	}

}
