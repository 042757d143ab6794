/**
 * The converger: every instance runs the timer, the holder of the "converger" role computes the
 * repairs with diego-core's pure LrpConvergence and applies each in its own transaction, guarded by
 * the row's modification tag so a concurrent change wins over a stale repair.
 */
package org.diego.ejb.convergence;
