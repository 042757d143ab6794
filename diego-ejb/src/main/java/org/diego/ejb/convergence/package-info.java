/**
 * The converger: every instance runs the timer, the holder of the "converger" role computes the
 * repairs with diego-core's pure LrpConvergence and TaskConvergence (the task pass runs beside the
 * LRP pass, as in Diego) and applies each in its own transaction, guarded by what the pass read (the
 * ActualLRP's modification tag, the task's state and updated_at) so a concurrent change wins over a
 * stale repair, and by the converger's fencing token so a deposed converger writes nothing.
 */
package org.diego.ejb.convergence;
