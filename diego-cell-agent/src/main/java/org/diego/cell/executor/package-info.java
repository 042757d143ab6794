/**
 * The executor's role: every container of this cell from reservation to deletion
 * ({@code reserved → created → running → completed}, completed reachable from any state), the
 * resources they hold, and the environment Diego gives a process about its own network identity.
 * A container runs its recipe as a tree of steps ({@link org.diego.cell.executor.steps}), fetching and
 * sending files through {@link org.diego.cell.executor.transfer}. It talks to a
 * {@link org.diego.cell.garden.ContainerBackend} and reports running and completed containers to
 * listeners; it knows nothing of the BBS.
 */
package org.diego.cell.executor;
