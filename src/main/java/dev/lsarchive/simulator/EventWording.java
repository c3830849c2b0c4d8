package dev.lsarchive.simulator;

/** How an event reads: its log level, its code in mixed case, and a description like the real ones. */
final class EventWording {

	private EventWording() {
	}

	static String level(String code) {
		return switch (code) {
			case "PUBLISH_OVER_THRESHOLD", "BACKUP_SESSION_STREAMING_DISCONNECTED" -> "ERROR";
			default -> "INFO";
		};
	}

	static String mixedCase(String code) {
		int underscore = code.indexOf('_');
		if (underscore < 0) {
			return code.charAt(0) + code.substring(1).toLowerCase();
		}
		String rest = code.substring(underscore + 1);
		return code.substring(0, underscore + 1) + rest.charAt(0) + rest.substring(1).toLowerCase();
	}

	static String description(String code, String id) {
		return switch (code) {
			case "PUBLISH_START" -> "You have started publishing channel " + id + ".";
			case "PUBLISH_END" -> id + " channel publishing has ended.";
			case "ONAIR_START" -> id + " Channel recording has started.";
			case "ONAIR_END" -> id + " Channel recording has ended.";
			case "STREAM_RESERVE" -> "Channel " + id + " has been created.";
			case "STREAM_UPDATE" -> "Channel " + id + " settings have been updated.";
			case "STREAM_FINISH" -> "Channel " + id + " streaming has finished.";
			case "THUMBNAIL_CREATE" -> "A thumbnail of channel " + id + " has been created.";
			case "SIMULCAST_STATUS_CHANGE" -> "The re-stream status of channel " + id + " has changed.";
			case "PUBLISH_OVER_THRESHOLD" -> "The input bitrate of channel " + id + " exceeded the threshold.";
			case "RTMP_MAIN_STREAM_ENABLED" -> "The main stream of channel " + id + " is enabled.";
			case "RTMP_BACKUP_STREAM_ENABLED" -> "The backup stream of channel " + id + " is enabled.";
			case "BACKUP_SESSION_STREAMING_CONNECTED" -> "The backup session of channel " + id + " connected.";
			case "BACKUP_SESSION_STREAMING_DISCONNECTED" ->
				"The backup session of channel " + id + " disconnected.";
			default -> id + " " + code;
		};
	}

}
