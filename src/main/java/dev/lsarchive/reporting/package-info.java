/**
 * The reporting layer the analysts and dashboards read: the tables the writers keep in their own
 * transactions (daily counts, session marks, the API's fields), and its refresh after a run.
 */
package dev.lsarchive.reporting;
