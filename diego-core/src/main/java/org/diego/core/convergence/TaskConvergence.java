package org.diego.core.convergence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.convergence.TaskConvergencePlan.Transition;
import org.diego.core.model.Task;
import org.diego.core.model.TaskState;

/**
 * Diego's task convergence (bbs {@code db/sqldb/task_convergence.go} ConvergeTasks and the task
 * controller) as a pure function. Diego runs one query per step, each seeing the writes of the steps
 * before it; the plan replays that on the snapshot, so a task failed in step 1 or 3 is not also pruned
 * or kicked (its times are now), while a task demoted in step 4 is (see {@link TaskConvergencePlan}).
 * Every time comparison is strict, as in Diego's SQL: a PENDING task created exactly expirePending ago
 * is neither failed nor re-auctioned in that pass.
 */
public final class TaskConvergence {
    public static final String EXPIRED_PENDING_REASON = "not started within time limit";
    public static final String CELL_DISAPPEARED_REASON = "cell disappeared before completion";

    private TaskConvergence() {
    }

    public static TaskConvergencePlan plan(TaskConvergenceInput in) {
        long now = in.nowNanos();
        TaskConvergenceConfig config = in.config();
        long pendingLimit = before(now, config.expirePending());
        long kickLimit = before(now, config.kick());
        long completedLimit = before(now, config.expireCompleted());

        // The table as each of Diego's queries finds it: later steps see earlier steps' writes.
        Map<String, Task> table = new LinkedHashMap<>();
        in.tasks().forEach(t -> table.putIfAbsent(t.taskGuid(), t));

        // Step 1: expired PENDING tasks fail. Step 2: the other PENDING ones go to the auctioneer.
        List<Transition> expired = new ArrayList<>();
        List<Task> auction = new ArrayList<>();
        for (Task t : List.copyOf(table.values())) {
            if (t.state() != TaskState.Pending) {
                continue;
            }
            if (t.createdAt() < pendingLimit) {
                expired.add(write(table, t, t.failByConvergence(EXPIRED_PENDING_REASON, now)));
            } else if (t.createdAt() > pendingLimit) {
                auction.add(t);
            }
        }

        // Step 3: RUNNING on a cell without a live presence (an empty cell id is never live).
        List<Transition> lost = new ArrayList<>();
        for (Task t : List.copyOf(table.values())) {
            if (t.state() == TaskState.Running && !in.liveCells().contains(t.cellId())) {
                lost.add(write(table, t, t.failByConvergence(CELL_DISAPPEARED_REASON, now)));
            }
        }

        // Step 4: a resolver that went quiet gives the task back.
        List<Transition> demoted = new ArrayList<>();
        for (Task t : List.copyOf(table.values())) {
            if (t.state() == TaskState.Resolving && t.updatedAt() < kickLimit) {
                demoted.add(write(table, t, t.demote()));
            }
        }

        // Step 5: completed long enough ago, resolved or not.
        List<Task> deleted = new ArrayList<>();
        for (Task t : List.copyOf(table.values())) {
            if (t.state() == TaskState.Completed && t.firstCompletedAt() < completedLimit) {
                deleted.add(t);
                table.remove(t.taskGuid());
            }
        }

        // Step 6: nobody resolved it for the kick duration: its callback again (a no-op without a URL).
        List<Task> kickable = table.values().stream()
                .filter(t -> t.state() == TaskState.Completed && t.updatedAt() < kickLimit).toList();
        List<Task> callbacks = kickable.stream().filter(t -> !t.completionCallbackUrl().isEmpty()).toList();

        TaskConvergenceMetrics metrics = new TaskConvergenceMetrics(count(table, TaskState.Pending),
                count(table, TaskState.Running), count(table, TaskState.Completed), count(table, TaskState.Resolving),
                expired.size() + auction.size() + lost.size() + kickable.size(), deleted.size());
        return new TaskConvergencePlan(expired, auction, lost, demoted, deleted, callbacks, metrics);
    }

    private static Transition write(Map<String, Task> table, Task before, Task after) {
        table.put(after.taskGuid(), after);
        return new Transition(before, after);
    }

    private static int count(Map<String, Task> table, TaskState state) {
        return (int) table.values().stream().filter(t -> t.state() == state).count();
    }

    /** now - d in nanoseconds; a duration too long to subtract means "before any task". */
    static long before(long nowNanos, Duration d) {
        try {
            return Math.subtractExact(nowNanos, d.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MIN_VALUE;
        }
    }
}
