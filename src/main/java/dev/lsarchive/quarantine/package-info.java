/**
 * The quarantine writer: records that could not be archived, with the reason and the payload as
 * received, stored inside the chunk's transaction.
 */
package dev.lsarchive.quarantine;
