/**
 * The {@code recordings} step: the recordings of the channels that can have new or changed ones
 * (recording events since they were last asked, or recordings not in a final status), asked by
 * partitions of channels in parallel, normalized and written with the moment each was first seen in
 * its current status.
 */
package dev.lsarchive.recording;
