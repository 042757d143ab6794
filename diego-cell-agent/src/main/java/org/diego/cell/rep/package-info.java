/**
 * The rep's role: this cell's conversation with the cluster. It announces the cell (presence
 * heartbeat), takes work and stop requests from the cell's queue, and drives each instance through the
 * ActualLRP lifecycle (claim, start, crash, remove) against the BBS, which it reaches through
 * {@link org.diego.cell.rep.BbsClient}. Its bulk sync ({@link org.diego.cell.rep.SyncLoop}) reconciles
 * the containers with the BBS's rows for the cell, and while the cell drains the
 * {@link org.diego.cell.rep.EvacuationProcessor} reports each container instead. Containers themselves
 * belong to the executor.
 */
package org.diego.cell.rep;
