package dev.lsarchive.example;

/**
 * An example item as archived.
 *
 * @param id its identity
 * @param value its value, trimmed
 * @param trimmed whether it arrived with spaces around it
 */
record ExampleRow(String id, String value, boolean trimmed) {
}
