package org.diego.core.convergence;

import java.util.List;
import java.util.stream.Stream;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.Task;

/**
 * Everything one task convergence pass decided, one list per step of Diego's ConvergeTasks, in its
 * order. Tasks are given as read, so the applier can write only if the row still has the observed
 * state and {@code updated_at} and skip the action when a client moved the task meanwhile.
 *
 * <p>A task is in at most one list, with one exception that is Diego's on purpose: a demoted task (step 4)
 * is COMPLETED with an old {@code updated_at}, so the same pass either deletes it (step 5) or re-sends
 * its callback (step 6). Those entries are the demoted record; apply them only if the demotion was.
 *
 * @param expiredPending  step 1: PENDING tasks created before now - expirePending: fail them
 *                        ("not started within time limit").
 * @param auction         step 2: every other PENDING task (created after that limit): no write, one auction batch.
 * @param cellDisappeared step 3: RUNNING tasks whose cell has no live presence: fail them
 *                        ("cell disappeared before completion"), keeping the cell id.
 * @param demoted         step 4: RESOLVING tasks not updated for the kick duration: back to COMPLETED.
 * @param deleted         step 5: COMPLETED tasks (demoted ones included) first completed before
 *                        now - expireCompleted: delete them.
 * @param callbacks       step 6: the remaining COMPLETED tasks not updated for the kick duration that have a
 *                        completion callback URL: submit their callback again.
 * @param metrics         the gauges Diego reports for the pass.
 */
public record TaskConvergencePlan(
        List<Transition> expiredPending,
        List<Task> auction,
        List<Transition> cellDisappeared,
        List<Transition> demoted,
        List<Task> deleted,
        List<Task> callbacks,
        TaskConvergenceMetrics metrics) {

    public TaskConvergencePlan {
        expiredPending = List.copyOf(expiredPending);
        auction = List.copyOf(auction);
        cellDisappeared = List.copyOf(cellDisappeared);
        demoted = List.copyOf(demoted);
        deleted = List.copyOf(deleted);
        callbacks = List.copyOf(callbacks);
    }

    /** One write: {@code before} as read, {@code after} what to store if the row is still {@code before}. */
    public record Transition(Task before, Task after) {
    }

    /** Steps 1 and 3: the tasks this pass fails. */
    public List<Transition> failures() {
        return Stream.concat(expiredPending.stream(), cellDisappeared.stream()).toList();
    }

    /** The re-auction batch, one request per task, in snapshot order. */
    public List<TaskAuctionRequest> auctionRequests() {
        return auction.stream().map(TaskAuctionRequest::of).toList();
    }

    /** True when the pass has nothing to write, send or submit (metrics aside). */
    public boolean isEmpty() {
        return expiredPending.isEmpty() && auction.isEmpty() && cellDisappeared.isEmpty() && demoted.isEmpty()
                && deleted.isEmpty() && callbacks.isEmpty();
    }
}
