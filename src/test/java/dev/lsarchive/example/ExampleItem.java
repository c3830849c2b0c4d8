package dev.lsarchive.example;

/**
 * An example item as its source gives it.
 *
 * @param id its identity
 * @param value its value, as received
 */
record ExampleItem(String id, String value) {
}
