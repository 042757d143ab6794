package org.diego.core.convergence;

/**
 * What Diego's task convergence reports after a pass (bbs TaskStatMetronNotifier), under its metric
 * names. The counts are taken after the pass's writes, as Diego counts them with a query that follows
 * the updates; here they are the snapshot with the plan applied.
 *
 * @param pending   PENDING tasks (TasksPending)
 * @param running   RUNNING tasks (TasksRunning)
 * @param completed COMPLETED tasks (TasksCompleted)
 * @param resolving RESOLVING tasks (TasksResolving)
 * @param kicked    ConvergenceTasksKicked: expired PENDING failed, PENDING re-auctioned, RUNNING failed on a
 *                  vanished cell, and every COMPLETED task past the kick duration, callback URL or not (Diego
 *                  submits them all; its callback worker ignores those without a URL)
 * @param pruned    ConvergenceTasksPruned: COMPLETED tasks deleted after the completed expiry
 */
public record TaskConvergenceMetrics(int pending, int running, int completed, int resolving, int kicked, int pruned) {
}
