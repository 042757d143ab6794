/**
 * The executor's role: every container of this cell from reservation to deletion
 * ({@code reserved → created → running → completed}, completed reachable from any state), the
 * resources they hold, and the environment Diego gives a process about its own network identity.
 * It talks to a {@link org.diego.cell.garden.ContainerBackend} and reports completions to a listener;
 * it knows nothing of the BBS.
 */
package org.diego.cell.executor;
