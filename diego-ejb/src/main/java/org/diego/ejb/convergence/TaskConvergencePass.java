package org.diego.ejb.convergence;

import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.convergence.TaskConvergence;
import org.diego.core.convergence.TaskConvergenceInput;
import org.diego.core.convergence.TaskConvergenceMetrics;
import org.diego.core.convergence.TaskConvergencePlan;
import org.diego.core.convergence.TaskConvergencePlan.Transition;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.Task;
import org.diego.core.time.Nanos;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.TaskConvergenceWrites;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.tasks.TaskCallbacks;

/**
 * One task convergence pass (Diego §2.2): read every task and the live cells, plan with diego-core's
 * pure {@link TaskConvergence}, apply with {@link TaskConvergenceApplier}, publish the gauges. The
 * converger starts it beside the LRP pass and waits for both, as Diego's converger does. No
 * transaction of its own: every write is a short one in {@link TaskConvergenceWrites}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TaskConvergencePass {
    private static final Logger LOG = Logger.getLogger(TaskConvergencePass.class.getName());

    @Inject
    DiegoConfig config;
    @Inject
    Clock clock;
    @Inject
    Cells cells;
    @Inject
    TaskConvergenceWrites writes;
    @Inject
    TaskCallbacks callbacks;
    @Inject
    ConvergenceGauges gauges;

    /** Runs one pass on the container's asynchronous pool; its failure surfaces through {@link #await}. */
    @Asynchronous
    public Future<TaskConvergencePlan> converge(Fence fence) {
        long started = System.nanoTime();
        Set<String> live = cells.liveIds();
        List<Task> tasks = writes.all();
        long queried = System.nanoTime();
        TaskConvergencePlan plan = TaskConvergence.plan(
                new TaskConvergenceInput(tasks, live, Nanos.now(clock), config.taskConvergence()));
        TaskConvergenceApplier.Outcome done = new TaskConvergenceApplier(writesOf(writes), callbacks::submit)
                .apply(plan, fence);
        long took = System.nanoTime() - started;
        TaskConvergenceMetrics m = plan.metrics();
        gauges.recordTasks(m, Duration.ofNanos(took));
        LOG.log(plan.isEmpty() ? Level.FINE : Level.INFO, () -> String.format("task convergence: %d ms (query %d);"
                        + " pending=%d running=%d completed=%d resolving=%d kicked=%d pruned=%d; applied %s",
                took / 1_000_000, (queried - started) / 1_000_000, m.pending(), m.running(), m.completed(),
                m.resolving(), m.kicked(), m.pruned(), done));
        return new AsyncResult<>(plan);
    }

    /** Waits for a pass started by {@link #converge}; a failure is logged, and the next tick runs a new pass. */
    public void await(Future<?> pass) {
        try {
            pass.get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "task convergence pass failed; the next tick retries", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TaskConvergenceApplier.Writes writesOf(TaskConvergenceWrites bean) {
        return new TaskConvergenceApplier.Writes() {
            @Override
            public boolean transition(Transition t, Fence fence) {
                return bean.transition(t, fence);
            }

            @Override
            public boolean delete(Task observed, Fence fence) {
                return bean.delete(observed, fence);
            }

            @Override
            public void auction(List<TaskAuctionRequest> batch, Fence fence) {
                bean.auction(batch, fence);
            }

            @Override
            public void checkFence(Fence fence) {
                bean.checkFence(fence);
            }
        };
    }
}
