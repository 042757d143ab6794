package org.diego.cell.rep;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.diego.cell.executor.CellExecutor;

/**
 * Diego's rep evacuator: once evacuation starts, checks every {@code pollingInterval} (10 s) whether the
 * executor still holds any container (tasks' included: they run to their end), and gives up after
 * {@code timeout} (10 min). Either way it then calls {@code done} once, with whether the cell emptied, and
 * the agent exits; containers left at a timeout are stopped with the agent, and the cluster learns of
 * them through the cell's expiring presence.
 */
public final class Evacuator {
    private static final Logger LOG = Logger.getLogger(Evacuator.class.getName());
    private final CellExecutor executor;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final Duration pollingInterval;
    private final Consumer<Boolean> done;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Scheduler.Timer deadline;
    private volatile Scheduler.Timer poll;

    public Evacuator(CellExecutor executor, Scheduler scheduler, Duration timeout, Duration pollingInterval,
                     EvacuationContext evacuation, Consumer<Boolean> done) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.pollingInterval = pollingInterval;
        this.done = done;
        evacuation.onEvacuate(this::start);
    }

    private void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.info(() -> "evacuation: waiting up to " + timeout.toMillis() + " ms for every container to leave");
        deadline = scheduler.schedule(timeout, this::timedOut);
        poll = scheduler.schedule(Duration.ZERO, this::check);
    }

    private void check() {
        if (finished.get()) {
            return;
        }
        int left = executor.list().size();
        if (left == 0) {
            finish(true);
            return;
        }
        LOG.info(() -> "evacuation incomplete: " + left + " container(s) left; checking again in "
                + pollingInterval.toMillis() + " ms");
        poll = scheduler.schedule(pollingInterval, this::check);
    }

    private void timedOut() {
        if (!finished.get()) {
            LOG.warning(() -> "evacuation timed out after " + timeout.toMillis() + " ms with "
                    + executor.list().size() + " container(s) left");
        }
        finish(false);
    }

    private void finish(boolean emptied) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancel(deadline);
        cancel(poll);
        if (emptied) {
            LOG.info("evacuation complete: no container left");
        }
        done.accept(emptied);
    }

    private static void cancel(Scheduler.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
