package org.diego.cell.rep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.Presence;
import org.diego.core.model.Task;
import org.diego.core.model.TaskState;

/**
 * One pass of Diego's rep bulker (its generator's BatchOperations): read this cell's ActualLRPs and Tasks
 * from the BBS, list the executor's containers, and queue one operation per guid that makes the two
 * agree. Operations run on the LRP or task processor's queue for that guid, behind whatever it is
 * already doing, and look at the container again when they run, so a pass never acts on a stale list.
 * <ul>
 * <li>LRP container, while evacuating: the {@link EvacuationProcessor} reports it.</li>
 * <li>LRP container, running: {@code start_actual_lrp} (with the container's routable flag) again unless
 * the BBS already has it RUNNING here with this net info and routable flag. That repairs a lost start, and re-creates a row deleted under a live container
 * (Diego's StartActualLRP creates a missing row); a start refused because another instance holds the
 * index stops the container.</li>
 * <li>LRP or task container, completed: its completion is reported (again, if the first report was lost).</li>
 * <li>task container, running, whose task the BBS no longer has running here: {@code start_task} again;
 * a task that is gone or completed destroys the container without a report.</li>
 * <li>reserved or created containers (created: its steps run, its startup check has not passed yet):
 * nothing, their processor's own operation is queued before, and its running listener reports the start.</li>
 * <li>a row held by this cell with no container: {@code remove_actual_lrp} (ORDINARY or SUSPECT),
 * {@code remove_evacuating_actual_lrp} (EVACUATING), or both; convergence then re-places the index.</li>
 * <li>a task RUNNING here with no container: failed with Diego's "task container does not exist".</li>
 * </ul>
 * Every operation is idempotent, so a pass may repeat what the last one did. A guid whose operation from
 * an earlier pass has not run yet gets no second one.
 */
public final class BulkSync {
    /** Diego's reason (and, as Diego does, result) for a task whose container vanished. */
    static final String MISSING_TASK_CONTAINER = "task container does not exist";
    /** Diego's rep alerts when a sync takes this long (RepBulkSyncDuration yellow). */
    private static final Duration SLOW = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(BulkSync.class.getName());

    private final String cellId;
    private final CellExecutor executor;
    private final BbsClient bbs;
    private final SyncBbsClient reads;
    private final LrpProcessor lrps;
    private final TaskProcessor tasks;
    private final EvacuationProcessor evacuation;
    private final Clock clock;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    public BulkSync(String cellId, CellExecutor executor, BbsClient bbs, SyncBbsClient reads, LrpProcessor lrps,
                    TaskProcessor tasks, EvacuationProcessor evacuation, Clock clock) {
        this.cellId = cellId;
        this.executor = executor;
        this.bbs = bbs;
        this.reads = reads;
        this.lrps = lrps;
        this.tasks = tasks;
        this.evacuation = evacuation;
        this.clock = clock;
    }

    /** Runs one pass; false when the BBS could not be read (nothing is queued then, as in Diego). */
    public boolean syncOnce() {
        if (stopped) {
            return false;
        }
        Instant began = clock.instant();
        List<ActualLrp> rows;
        List<Task> bbsTasks;
        try {
            rows = reads.actualLrps(cellId);
            bbsTasks = reads.tasks(cellId);
        } catch (BbsUnavailableException e) {
            LOG.warning(() -> "bulk sync skipped: cannot read this cell's rows: " + e.getMessage());
            return false;
        }
        // Listed after the reads: a container reserved since then only adds an operation that finds it fine.
        List<Container> containers = executor.list();
        Map<String, ActualLrp> instances = new HashMap<>();
        Map<String, ActualLrp> evacuating = new HashMap<>();
        for (ActualLrp row : rows) {
            (row.presence() == Presence.EVACUATING ? evacuating : instances).put(row.instanceGuid(), row);
        }
        Map<String, Task> tasksByGuid = new HashMap<>();
        bbsTasks.forEach(t -> tasksByGuid.put(t.taskGuid(), t));

        Set<String> handled = new HashSet<>();
        for (Container c : containers) {
            handled.add(c.guid());
            if (LrpTags.isLrp(c)) {
                queueLrp(c.guid(), "sync of container " + c.guid(), () -> syncLrp(c.guid(), instances.get(c.guid())));
            } else if (TaskTags.isTask(c)) {
                queueTask(c.guid(), "sync of task container " + c.guid(), () -> syncTask(c.guid(), tasksByGuid.get(c.guid())));
            } else {
                LOG.warning(() -> "bulk sync: container " + c.guid() + " has an unknown lifecycle " + c.tags());
            }
        }
        instances.forEach((guid, row) -> {
            if (handled.add(guid)) {
                ActualLrp evacuatingRow = evacuating.get(guid);
                queueLrp(guid, "residual instance " + guid, () -> residualInstance(row, evacuatingRow));
            }
        });
        evacuating.forEach((guid, row) -> {
            if (handled.add(guid)) {
                queueLrp(guid, "residual evacuating instance " + guid, () -> residualInstance(null, row));
            }
        });
        tasksByGuid.forEach((guid, task) -> {
            // Only a RUNNING task can be completed: any other one would be refused.
            if (handled.add(guid) && task.state() == TaskState.Running) {
                queueTask(guid, "residual task " + guid, () -> residualTask(guid));
            }
        });
        Duration took = Duration.between(began, clock.instant());
        Level level = took.compareTo(SLOW) >= 0 ? Level.INFO : Level.FINE;
        LOG.log(level, () -> "bulk sync: " + containers.size() + " container(s), " + rows.size() + " row(s), "
                + bbsTasks.size() + " task(s) in " + took.toMillis() + " ms");
        return true;
    }

    /** Stops queueing; operations already queued do nothing when they run. */
    public void stop() {
        stopped = true;
    }

    private void queueLrp(String guid, String what, Runnable op) {
        queue("lrp " + guid, what, () -> lrps.enqueue(guid, what, guarded(op)));
    }

    private void queueTask(String guid, String what, Runnable op) {
        queue("task " + guid, what, () -> tasks.enqueue(guid, what, guarded(op)));
    }

    private void queue(String key, String what, Supplier<CompletableFuture<Void>> submit) {
        if (!queued.add(key)) {
            LOG.fine(() -> "bulk sync: " + what + " is still queued from an earlier pass");
            return;
        }
        submit.get().whenComplete((v, e) -> queued.remove(key));
    }

    private Runnable guarded(Runnable op) {
        return () -> {
            if (!stopped) {
                op.run();
            }
        };
    }

    // ---- LRPs -------------------------------------------------------------------------------------------

    private void syncLrp(String guid, ActualLrp row) {
        Optional<Container> found = executor.lookup(guid);
        if (found.isEmpty()) {
            return; // destroyed since the pass listed it
        }
        Container container = found.get();
        if (evacuation.evacuating()) {
            evacuation.process(container);
        } else if (container.state() == ContainerState.COMPLETED) {
            lrps.reportCompletion(guid);
        } else if (container.state() == ContainerState.RUNNING && container.info() != null) {
            ensureStarted(container, row);
        }
    }

    private void ensureStarted(Container container, ActualLrp row) {
        String guid = container.guid();
        ActualLrpKey key = LrpTags.key(container);
        InstanceKey instance = new InstanceKey(guid, cellId);
        NetInfo net = EvacuationProcessor.netInfo(container.info());
        boolean routable = container.routable();
        // Internal routes and metric tags count once convergence sent some for this container (step 12).
        Optional<LrpProcessor.InstanceRouting> carried = lrps == null ? Optional.empty() : lrps.routing(guid);
        boolean sameRouting = carried.isEmpty() || (carried.get().internalRoutes().equals(row == null ? null
                : row.actualLrpInternalRoutes()) && carried.get().metricTags().equals(row.metricTags()));
        if (row != null && row.presence() == Presence.ORDINARY && row.state() == ActualLrpState.RUNNING
                && instance.equals(row.instanceKey()) && sameAddresses(net, row.netInfo())
                && Boolean.TRUE.equals(row.routable()) == routable && sameRouting) {
            return;
        }
        String who = "lrp " + key.processGuid() + "/" + key.index() + " instance " + guid;
        String had = row == null ? "no row" : row.presence() + " " + row.state();
        LifecycleResponse started;
        try {
            started = bbs.start(carried.isEmpty() ? new StartActualLrpRequest(key, instance, net, routable)
                    : new StartActualLrpRequest(key, instance, net, routable, carried.get().internalRoutes(),
                            carried.get().metricTags()));
        } catch (BbsUnavailableException e) {
            LOG.warning(() -> who + ": sync start unanswered (" + e.getMessage() + "); the next sync retries");
            return;
        }
        if (started.ok()) {
            LOG.info(() -> who + ": running here, the BBS had " + had + "; start reported again");
        } else if (started.error().type() == ErrorType.ActualLRPCannotBeStarted) {
            LOG.info(() -> who + ": another instance holds the index (" + started.error().message() + "); stopping");
            executor.stop(guid); // its completion destroys it
        } else {
            LOG.info(() -> who + ": sync start refused: " + started.error().message());
        }
    }

    private static boolean sameAddresses(NetInfo a, NetInfo b) {
        return b != null && a.address().equals(b.address()) && a.instanceAddress().equals(b.instanceAddress())
                && a.ports().equals(b.ports());
    }

    /** Diego's residual instance/evacuating/joint operations: a row held here that no container backs. */
    private void residualInstance(ActualLrp row, ActualLrp evacuatingRow) {
        ActualLrp any = row != null ? row : evacuatingRow;
        if (executor.lookup(any.instanceGuid()).isPresent()) {
            return; // created since the pass read the rows
        }
        String who = "lrp " + any.processGuid() + "/" + any.index() + " instance " + any.instanceGuid();
        try {
            if (row != null) {
                LifecycleResponse r = bbs.remove(new RemoveActualLrpRequest(row.processGuid(), row.index(),
                        row.instanceKey()));
                LOG.info(() -> who + ": " + row.presence() + " " + row.state() + " row without a container; "
                        + (r.ok() ? "removed" : "remove refused: " + r.error().message()));
            }
            if (evacuatingRow != null) {
                LifecycleResponse r = reads.removeEvacuating(new RemoveEvacuatingActualLrpRequest(
                        evacuatingRow.key(), evacuatingRow.instanceKey()));
                LOG.info(() -> who + ": EVACUATING row without a container; "
                        + (r.ok() ? "removed" : "remove refused: " + r.error().message()));
            }
        } catch (BbsUnavailableException e) {
            LOG.warning(() -> who + ": residual row removal unanswered (" + e.getMessage() + "); the next sync retries");
        }
    }

    // ---- Tasks ------------------------------------------------------------------------------------------

    private void syncTask(String guid, Task task) {
        Optional<Container> found = executor.lookup(guid);
        if (found.isEmpty()) {
            return;
        }
        Container container = found.get();
        if (container.state() == ContainerState.COMPLETED) {
            tasks.reportCompletion(guid);
            return;
        }
        if (container.state() != ContainerState.RUNNING
                || task != null && task.state() == TaskState.Running && cellId.equals(task.cellId())) {
            return; // starting (its start is queued before us), or as the BBS has it
        }
        // Diego's task processor asks to start an active container's task: gone or done elsewhere deletes it.
        String who = "task " + guid;
        LifecycleResponse r;
        try {
            r = bbs.startTask(new StartTaskRequest(guid, cellId));
        } catch (BbsUnavailableException e) {
            LOG.warning(() -> who + ": sync start unanswered (" + e.getMessage() + "); the next sync retries");
            return;
        }
        if (r.ok()) {
            return; // running here after all
        }
        ErrorType type = r.error().type();
        if (type == ErrorType.InvalidStateTransition || type == ErrorType.ResourceNotFound) {
            LOG.info(() -> who + ": the BBS no longer runs it here (" + r.error().message() + "); destroying its container");
            executor.destroy(guid);
        } else {
            LOG.info(() -> who + ": sync start refused: " + r.error().message());
        }
    }

    private void residualTask(String guid) {
        if (executor.lookup(guid).isPresent()) {
            return;
        }
        String who = "task " + guid;
        try {
            LifecycleResponse r = bbs.completeTask(new CompleteTaskRequest(guid, cellId, true, MISSING_TASK_CONTAINER,
                    MISSING_TASK_CONTAINER));
            LOG.info(() -> who + ": RUNNING here without a container; "
                    + (r.ok() ? "failed" : "completion refused: " + r.error().message()));
        } catch (BbsUnavailableException e) {
            LOG.warning(() -> who + ": completion unanswered (" + e.getMessage() + "); the next sync retries");
        }
    }
}
