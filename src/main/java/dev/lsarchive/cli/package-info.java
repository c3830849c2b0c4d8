/**
 * The command line as a person meets it: {@code --help} and {@code --version} answered before
 * anything starts, and a missing or invalid setting told in one line with how to set it.
 */
package dev.lsarchive.cli;
