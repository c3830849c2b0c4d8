/**
 * The quarantine: records that could not be archived, with the reason and the payload as received.
 */
package dev.lsarchive.quarantine;
