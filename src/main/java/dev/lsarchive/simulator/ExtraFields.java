package dev.lsarchive.simulator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fields the simulator adds of its own to every record it serves ({@code simulator.extra-fields}),
 * as Live Station adds fields without notice: a plain name ({@code futureFlag}) is a field of the
 * record, a dotted one ({@code cdn.edgeRegion}) a field inside the object its first names lead to,
 * that object created when the record has none. Every such field has the same text in every record,
 * {@code "simulated <name>"}: the same data gives the same bytes.
 */
final class ExtraFields {

	/** No field of its own: every answer as without the setting. */
	static final ExtraFields NONE = new ExtraFields(List.of());

	/** What a name must look like: JSON-friendly names, dots between the nested ones. */
	static final String NAME = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*";

	// the fields the simulator serves already, in any record (channels of each kind, re-stream targets,
	// events, snapshot info, recordings): true for an object, false for a value or an array
	private static final Map<String, Boolean> SERVED = served();

	// the names of each object ("" the record itself), in the order given
	private final Map<String, Set<String>> children = new LinkedHashMap<>();

	private final Set<String> leaves = new LinkedHashSet<>();

	private final byte[] appendix;

	private ExtraFields(List<String> names) {
		for (String name : names) {
			String parent = "";
			for (String part : name.split("\\.")) {
				this.children.computeIfAbsent(parent, (p) -> new LinkedHashSet<>()).add(part);
				parent = parent.isEmpty() ? part : parent + "." + part;
			}
			this.leaves.add(name);
		}
		this.appendix = render();
	}

	/**
	 * The fields named by {@code names}, which {@link #problems} must have found none with. Each name
	 * once, in the order given.
	 */
	static ExtraFields of(List<String> names) {
		return names.isEmpty() ? NONE : new ExtraFields(names);
	}

	/**
	 * What is wrong with {@code names}, one line each: a field the simulator sends already (it would
	 * be sent twice), a name inside a field that is not an object, a name that is a field and an
	 * object at once.
	 */
	static List<String> problems(List<String> names) {
		List<String> problems = new ArrayList<>();
		Set<String> given = new LinkedHashSet<>(names);
		for (String name : given) {
			String problem = problem(name, given);
			if (problem != null) {
				problems.add("simulator.extra-fields: " + problem + "; name fields of its own (e.g. futureFlag,cdn.edgeRegion)"
						+ " with --simulator.extra-fields=... or the environment variable SIMULATOR_EXTRAFIELDS");
			}
		}
		return problems;
	}

	// a name of the wrong form is Bean Validation's to tell (see SimulatorProperties)
	private static @Nullable String problem(String name, Set<String> given) {
		if (SERVED.containsKey(name)) {
			return name + " is a field the simulator sends already";
		}
		for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
			String outer = name.substring(0, dot);
			if (Boolean.FALSE.equals(SERVED.get(outer))) {
				return name + " lies inside " + outer + ", which the simulator sends as a value, not an object";
			}
			if (given.contains(outer)) {
				return name + " lies inside " + outer + ", which is named as a field of its own too";
			}
		}
		return null;
	}

	/** The text of the field {@code name} in every record. */
	static String value(String name) {
		return "simulated " + name;
	}

	/** Whether there is no field to add. */
	boolean isEmpty() {
		return this.leaves.isEmpty();
	}

	/**
	 * Writes the fields that belong inside the object being written at {@code path} ({@code ""}: the
	 * record itself; {@code "cdn"}: its {@code cdn} object), creating the objects of nested names,
	 * except those in {@code written}: the record writes them itself, and calls this inside them.
	 */
	void write(JsonGenerator out, String path, Collection<String> written) {
		Set<String> names = this.children.get(path);
		if (names == null) {
			return;
		}
		for (String name : names) {
			String inner = path.isEmpty() ? name : path + "." + name;
			if (this.leaves.contains(inner)) {
				out.writeStringProperty(name, value(inner));
			}
			else if (!written.contains(name)) {
				out.writeObjectPropertyStart(name);
				write(out, inner, List.of());
				out.writeEndObject();
			}
		}
	}

	/**
	 * The fields of a record that has no object of its own, as the bytes to write before its closing
	 * brace after at least one field ({@code ,"futureFlag":"…","cdn":{…}}); none without extra fields.
	 */
	byte[] appendix() {
		return this.appendix;
	}

	private byte[] render() {
		if (isEmpty()) {
			return new byte[0];
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator out = JsonMapper.builder().build().createGenerator(bytes)) {
			out.writeStartObject();
			write(out, "", List.of());
			out.writeEndObject();
		}
		byte[] object = bytes.toByteArray();
		// {"a":…} becomes ,"a":…
		byte[] appendix = Arrays.copyOfRange(object, 0, object.length - 1);
		appendix[0] = ',';
		return appendix;
	}

	private static Map<String, Boolean> served() {
		Map<String, Boolean> served = new LinkedHashMap<>();
		for (String value : List.of(
				// channels of every kind, and the channel info
				"channelId", "channelName", "channelStatus", "instanceNo", "planType", "platformCount",
				"totalPublishSeconds", "qualitySetId", "qualitySetName", "outputProtocol", "isRecording", "useDvr",
				"useDVR", "immediateOnAir", "timemachineMin", "snapshot.snapshotId", "cdn.cdnType", "cdn.cdnDomain",
				"publishUrl", "globalPublishUrl", "streamKey", "recentPublishStartTime", "createdTime", "alertOn",
				"restream",
				// re-stream targets
				"targetName", "rtmpUrl", "id", "password",
				// events
				"logLevel", "eventCode", "description", "timestamp",
				// snapshot info
				"snapshot.snapshotUrl", "snapshot.createdTime", "snapshot.expireTime", "snapshot.duration",
				// recordings
				"recordId", "recordType", "status", "recordSeq", "streamSeq", "recordBeginTime", "shouldDeleteTime",
				"duration", "resolution", "fileName", "videoBitrate", "videoFrameRate", "audioBitrate", "audioCodec",
				"uploadPath", "objectStorageUrl")) {
			served.put(value, false);
		}
		served.put("snapshot", true);
		served.put("cdn", true);
		return Map.copyOf(served);
	}

}
