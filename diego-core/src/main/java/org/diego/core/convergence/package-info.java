/**
 * LRP convergence as a pure function: desired state, actual state (all presences), live cells, domains
 * and the time go in; the repairs come out, one list per step of Diego's ConvergeLRPs
 * ({@link org.diego.core.convergence.LrpConvergence#plan}). The EJB timer applies them; tests run it
 * without a database or a clock. Task convergence has the same shape: {@link
 * org.diego.core.convergence.TaskConvergence#plan} turns every task, the live cells, the time and the
 * durations into Diego's ConvergeTasks steps.
 *
 * <p>TODO (issue 4, step 12): internal-route and metric-tag drift (RUNNING rows whose stored internal
 * routes or metric tags differ from the desired ones, pushed to the cell with UpdateLRPInstance) is not
 * planned yet: DesiredLrp carries routes and metric tags now, ActualLrp does not carry them so far.
 */
package org.diego.core.convergence;
