package org.diego.ejb.convergence;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.convergence.TaskConvergencePlan;
import org.diego.core.convergence.TaskConvergencePlan.Transition;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.Task;
import org.diego.ejb.cluster.Fence;

/**
 * Applies a task convergence plan in the order of Diego's task controller: the database writes step by
 * step (fail, demote, delete), then the re-auction batch, then the callbacks. Each write is its own
 * conditional transaction; a skipped or failed demotion drops that task's deletion and callback, which
 * were planned for the demoted record. As in Diego, one failed write is logged and the pass goes on,
 * except a fencing refusal: a newer converger exists, so this one stops at once.
 */
public final class TaskConvergenceApplier {
    private static final Logger LOG = Logger.getLogger(TaskConvergenceApplier.class.getName());

    /** The fenced, conditional writes (bbs TaskConvergenceWrites); each returns false when the task moved. */
    public interface Writes {
        boolean transition(Transition t, Fence fence);

        boolean delete(Task observed, Fence fence);

        void auction(List<TaskAuctionRequest> batch, Fence fence);

        void checkFence(Fence fence);
    }

    /** Where completion callbacks are re-submitted (tasks TaskCallbacks). */
    public interface Callbacks {
        void submit(Task completed);
    }

    /** What a pass did: actions applied per kind, skipped because the task moved, and failed writes. */
    public record Outcome(int failed, int auctioned, int demoted, int deleted, int calledBack, int skipped, int errors) {
    }

    private final Writes writes;
    private final Callbacks callbacks;

    public TaskConvergenceApplier(Writes writes, Callbacks callbacks) {
        this.writes = writes;
        this.callbacks = callbacks;
    }

    public Outcome apply(TaskConvergencePlan plan, Fence fence) {
        Tally tally = new Tally();
        int failed = 0;
        for (Transition t : plan.failures()) {
            failed += tally.write(t.before(), () -> writes.transition(t, fence)) ? 1 : 0;
        }
        int demoted = 0;
        Set<String> notDemoted = new HashSet<>();
        for (Transition t : plan.demoted()) {
            if (tally.write(t.before(), () -> writes.transition(t, fence))) {
                demoted++;
            } else {
                notDemoted.add(t.before().taskGuid());
            }
        }
        int deleted = 0;
        for (Task t : plan.deleted()) {
            if (!notDemoted.contains(t.taskGuid())) {
                deleted += tally.write(t, () -> writes.delete(t, fence)) ? 1 : 0;
            }
        }
        int auctioned = 0;
        if (!plan.auction().isEmpty()) {
            List<TaskAuctionRequest> batch = plan.auctionRequests();
            if (tally.write(null, () -> {
                writes.auction(batch, fence);
                return true;
            })) {
                auctioned = batch.size();
            }
        }
        int calledBack = 0;
        List<Task> toCall = plan.callbacks().stream().filter(t -> !notDemoted.contains(t.taskGuid())).toList();
        if (!toCall.isEmpty() && tally.write(null, () -> {
            writes.checkFence(fence);
            return true;
        })) {
            for (Task t : toCall) {
                callbacks.submit(t);
                calledBack++;
            }
        }
        return new Outcome(failed, auctioned, demoted, deleted, calledBack, tally.skipped, tally.errors);
    }

    /** Counts skips and errors; lets a fencing refusal through. */
    private static final class Tally {
        int skipped;
        int errors;

        interface Write {
            boolean run();
        }

        boolean write(Task task, Write write) {
            try {
                if (write.run()) {
                    return true;
                }
                skipped++;
                return false;
            } catch (DiegoException e) {
                if (e.type() == ErrorType.LockCollision) {
                    throw e;
                }
                return failed(task, e);
            } catch (RuntimeException e) {
                return failed(task, e);
            }
        }

        private boolean failed(Task task, RuntimeException e) {
            errors++;
            LOG.log(Level.WARNING, "task convergence: " + (task == null ? "batch" : "task " + task.taskGuid())
                    + " not repaired; the next pass retries", e);
            return false;
        }
    }
}
