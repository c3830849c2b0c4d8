/**
 * The callback receiver ({@code --archive.job=callback-receiver}): a long-running server that takes the
 * events Live Station pushes ({@code POST /callbacks/{token}}), validates each body, stores it in
 * {@code livestation.event_callback} by group commit and acknowledges it only once committed, records the
 * windows in which it acknowledged without interruption, and quarantines what it cannot store. With the
 * {@code demo} profile the built-in simulator, registered with through the signed call, pushes to it.
 * Also the one home of the {@code archive.callback.*} settings and of that registration
 * ({@code --archive.job=register-callback}), which the job's start uses from here.
 */
package dev.lsarchive.callback;
