package dev.lsarchive.api;

import java.util.List;

/**
 * One page of the channel list.
 *
 * @param content the channels on this page
 * @param total the number of channels the API reported for the whole list, or -1 when absent
 */
public record ChannelPage(List<ChannelDto> content, long total) {
}
