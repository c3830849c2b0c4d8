-- An event list is recognized as received before by its length and two checksums (CRC-32C and CRC-32, 16 bytes)
-- instead of its SHA-256: the jobs run C1-compiled code, where SHA-256 has no intrinsic and was most of an unchanged
-- night's CPU. A digest recorded before this version matches no new fingerprint: that list is parsed once more,
-- found archived, and its new fingerprint recorded.
COMMENT ON TABLE livestation.event_list_fingerprint IS 'Fingerprint of the last event list of each channel whose every event is archived (none quarantined); a run that receives the same list again skips it';
COMMENT ON COLUMN livestation.event_list_fingerprint.digest IS 'Fingerprint of the whole response body: CRC-32C (4 bytes), CRC-32 (4 bytes) and length in bytes (8 bytes), big-endian; a 32-byte SHA-256 recorded by a version before V25 matches nothing and is replaced at the next read';
