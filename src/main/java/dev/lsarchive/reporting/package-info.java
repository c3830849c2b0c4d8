/**
 * The reporting layer the analysts and dashboards read: its refresh after a run.
 */
package dev.lsarchive.reporting;
