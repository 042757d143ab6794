package org.diego.cell.rep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.LrpWork.LrpStart;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.messages.UpdateLrpInstance;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.time.GuidGenerator;

/**
 * Drives each LRP instance of this cell through its ActualLRP lifecycle, like Diego's rep (auction
 * cell rep plus ordinary LRP processor):
 * <ul>
 * <li>work: reserve resources at once (refuse if short and report the refusal with {@code fail_actual_lrp},
 * skip if the index already lives here), then
 * claim; on refusal release; on success run the container.</li>
 * <li>running: when the container becomes RUNNING (its startup check passed), and again whenever its
 * readiness flips, report start with its net info and routable flag; if start is refused destroy the
 * container. While evacuating, the evacuation processor reports it instead.</li>
 * <li>completion: a process that exited on its own is reported as a crash and then destroyed; one
 * that was asked to stop is destroyed and then removed.</li>
 * <li>stop: stop the container (its completion does the rest); for an unknown container just remove,
 * so the cluster can drop the row.</li>
 * </ul>
 * Everything after the reservation runs on worker threads, one operation at a time per instance guid.
 * While the cell evacuates, work is refused and completions go to the {@link EvacuationProcessor}; the
 * {@link BulkSync} queues its repairs behind the same per-guid operations.
 */
public final class LrpProcessor implements CellWorkHandler {
    private static final Logger LOG = Logger.getLogger(LrpProcessor.class.getName());

    private final String cellId;
    private final CellExecutor executor;
    private final BbsClient bbs;
    private final GuidGenerator guids;
    private final SerialQueues queues;
    private final LifecycleCalls retrying;
    private final Duration signalSettle;
    private volatile boolean shuttingDown;
    private volatile EvacuationProcessor evacuation;

    /**
     * @param lifecycleAttempts how often start, crash and remove are tried when unanswered
     * @param retryBackoff      pause between those attempts
     * @param signalSettle      how long to wait before reporting a process killed by a signal nobody
     *                          here sent, see {@link #reportCompletion}
     */
    public LrpProcessor(String cellId, CellExecutor executor, BbsClient bbs, GuidGenerator guids, Executor workers,
                        int lifecycleAttempts, Duration retryBackoff, Duration signalSettle) {
        this.cellId = cellId;
        this.executor = executor;
        this.bbs = bbs;
        this.guids = guids;
        this.queues = new SerialQueues(workers);
        this.retrying = new LifecycleCalls(lifecycleAttempts, retryBackoff);
        this.signalSettle = signalSettle;
        executor.onCompletion(this::completed);
        executor.onRunning(this::running);
    }

    @Override
    public void work(LrpWork work) {
        work.lrps().forEach(this::startInstance);
    }

    /** Reserves a container for one instance and queues its claim; returns the new instance guid. */
    Optional<String> startInstance(LrpStart start) {
        String invalid = invalid(start);
        if (invalid != null) {
            LOG.warning(() -> "ignoring lrp start: " + invalid);
            return Optional.empty();
        }
        ActualLrpKey key = start.actualLrpKey();
        DesiredLrp desired = start.desiredLrp();
        if (evacuating()) {
            LOG.info(() -> "lrp " + key.processGuid() + "/" + key.index() + ": refusing work, the cell is evacuating");
            reportFailure(key, EvacuationProcessor.REFUSAL);
            return Optional.empty();
        }
        String guid;
        synchronized (this) {
            // Work is at-least-once: a second start for a slot that lives here must not make a twin.
            Optional<Container> existing = executor.list(LrpTags.slot(key.processGuid(), key.index())).stream()
                    .filter(Container::live).findFirst();
            if (existing.isPresent()) {
                LOG.info(() -> describe(key, existing.get().guid()) + ": already has a container here; skipping work");
                return Optional.empty();
            }
            guid = guids.newGuid();
            Resources wanted = new Resources(desired.memoryMb(), desired.diskMb(), 1);
            if (executor.reserve(guid, LrpTags.of(key), wanted).isEmpty()) {
                Resources remaining = executor.remainingResources();
                String error = insufficient(wanted, remaining);
                LOG.warning(() -> describe(key, guid) + ": " + error + " (wants " + wanted + ", cell has "
                        + remaining + "); refusing work");
                reportFailure(key, error);
                return Optional.empty();
            }
        }
        LOG.info(() -> describe(key, guid) + ": reserved");
        queues.submit(guid, "claim of " + describe(key, guid), () -> claimAndRun(key, desired, guid));
        return Optional.of(guid);
    }

    /**
     * Tells the BBS this cell could not reserve the instance (Diego's rep returns it as failed work and
     * the auctioneer calls FailActualLRP): the row keeps UNCLAIMED with the placement error, and
     * convergence re-auctions it. Queued per instance slot, off the message thread.
     */
    private void reportFailure(ActualLrpKey key, String error) {
        if (shuttingDown) {
            return;
        }
        String who = "lrp " + key.processGuid() + "/" + key.index();
        queues.submit("fail " + key.processGuid() + "/" + key.index(), "placement failure of " + who,
                () -> retrying.call(who + ": fail", () -> bbs.fail(new FailActualLrpRequest(key, error)))
                        .ifPresentOrElse(r -> {
                            if (r.ok()) {
                                LOG.info(() -> who + ": placement error recorded: " + error);
                            } else {
                                LOG.info(() -> who + ": fail refused: " + r.error().message());
                            }
                        }, () -> LOG.warning(() -> who + ": fail unanswered; convergence will re-auction it")));
    }

    /** Diego's InsufficientResourcesError text, naming what this cell lacks (sorted: containers, disk, memory). */
    static String insufficient(Resources wanted, Resources remaining) {
        List<String> missing = new ArrayList<>();
        if (wanted.containers() > remaining.containers()) {
            missing.add("containers");
        }
        if (wanted.diskMb() > remaining.diskMb()) {
            missing.add("disk");
        }
        if (wanted.memoryMb() > remaining.memoryMb()) {
            missing.add("memory");
        }
        return missing.isEmpty() ? "insufficient resources" : "insufficient resources: " + String.join(", ", missing);
    }

    /** What convergence last asked a container to carry (step 12), by container guid. */
    public record InstanceRouting(List<ActualLrpInternalRoute> internalRoutes, Map<String, String> metricTags) {
        public InstanceRouting {
            internalRoutes = List.copyOf(internalRoutes);
            metricTags = Map.copyOf(metricTags);
        }
    }

    private final Map<String, InstanceRouting> routing = new ConcurrentHashMap<>();

    /** The internal routes and metric tags recorded for this container, if convergence sent any. */
    public Optional<InstanceRouting> routing(String containerGuid) {
        return Optional.ofNullable(routing.get(containerGuid));
    }

    /**
     * Diego's rep UpdateLRPInstance: record the new internal routes and metric tags on the container and
     * report a start carrying them, so the BBS row converges. Ignored for a container not running here.
     */
    @Override
    public void update(UpdateLrpInstance update) {
        InstanceKey instance = update.actualLrpInstanceKey();
        if (update.actualLrpKey() == null || instance == null || instance.isEmpty()) {
            LOG.warning(() -> "ignoring update without actual_lrp_key or instance guid: " + update);
            return;
        }
        String guid = instance.instanceGuid();
        Optional<Container> container = executor.lookup(guid);
        if (container.isEmpty() || !LrpTags.isLrp(container.get())) {
            LOG.info(() -> describe(update.actualLrpKey(), guid) + ": update for a container unknown here; ignored");
            return;
        }
        routing.put(guid, new InstanceRouting(update.internalRoutes(), update.metricTags()));
        if (container.get().state() == ContainerState.RUNNING) {
            queues.submit(guid, "update of " + guid, () -> reportStart(container.get()));
        }
    }

    @Override
    public void stop(StopLrpInstance stop) {
        InstanceKey instance = stop.actualLrpInstanceKey();
        if (stop.actualLrpKey() == null || instance == null || instance.isEmpty()) {
            LOG.warning(() -> "ignoring stop without actual_lrp_key or instance guid: " + stop);
            return;
        }
        queues.submit(instance.instanceGuid(), "stop of " + describe(stop.actualLrpKey(), instance.instanceGuid()),
                () -> stopInstance(stop.actualLrpKey(), instance));
    }

    /** Stops reporting to the BBS: on agent shutdown the cluster learns through the expiring presence. */
    public void shutdown() {
        shuttingDown = true;
    }

    /** True when no instance operation is queued or running. */
    public boolean idle() {
        return queues.idle();
    }

    /** From now on, work is refused and completions are reported as evacuations while it evacuates. */
    public void evacuateWith(EvacuationProcessor processor) {
        this.evacuation = processor;
    }

    private boolean evacuating() {
        EvacuationProcessor e = evacuation;
        return e != null && e.evacuating();
    }

    /** Queues a sync operation behind every queued operation on the instance. */
    CompletableFuture<Void> enqueue(String guid, String what, Runnable op) {
        return queues.submit(guid, what, op);
    }

    private void claimAndRun(ActualLrpKey key, DesiredLrp desired, String guid) {
        String who = describe(key, guid);
        InstanceKey instance = new InstanceKey(guid, cellId);
        if (shuttingDown) {
            executor.destroy(guid);
            return;
        }
        if (evacuating()) {
            // Reserved before the drain began and not claimed yet: nothing in the BBS points here.
            LOG.info(() -> who + ": the cell is evacuating; giving the work up");
            executor.destroy(guid);
            reportFailure(key, EvacuationProcessor.REFUSAL);
            return;
        }
        LifecycleResponse claimed;
        try {
            claimed = bbs.claim(new ClaimActualLrpRequest(key.processGuid(), key.index(), instance));
        } catch (BbsUnavailableException e) {
            // Unknown outcome; never run an instance the BBS may not have given us.
            LOG.warning(() -> who + ": claim unanswered (" + e.getMessage() + "); giving the work up");
            executor.destroy(guid);
            return;
        }
        if (!claimed.ok()) {
            LOG.info(() -> who + ": claim refused: " + claimed.error().message());
            executor.destroy(guid);
            return;
        }
        LOG.info(() -> who + ": claimed");
        try {
            executor.run(guid, RunRequests.of(desired, key.index(), guid));
        } catch (IllegalStateException e) {
            // The reservation expired while the claim was under way (CellExecutor#expireReservations): give
            // the claimed row up, as Diego's rep removes an instance whose claimed container it cannot run.
            LOG.info(() -> who + ": the reservation expired before it could run; removing the instance");
            remove(key, instance);
            return;
        }
        // RUNNING is reported by running(); a container that completed at once is reported by completed().
    }

    private void running(Container container) {
        if (!LrpTags.isLrp(container)) {
            return;
        }
        queues.submit(container.guid(), "start of " + container.guid(), () -> reportStart(container));
    }

    /**
     * Diego's rep on a running container: StartActualLRP with the net info and whether it is routable, as
     * the running event saw them. Reported even when the container completed since, so the BBS hears of
     * the start before the crash queued behind it; not for a container destroyed meanwhile. While the cell
     * evacuates the container is reported as it now is to the {@link EvacuationProcessor} instead (Diego's
     * rep hands every container event to its evacuation processor then).
     */
    private void reportStart(Container container) {
        String guid = container.guid();
        Optional<Container> now = executor.lookup(guid);
        if (now.isEmpty()) {
            routing.remove(guid);
        }
        if (shuttingDown || now.isEmpty()) {
            return;
        }
        if (evacuating()) {
            evacuation.process(now.get());
            return;
        }
        ActualLrpKey key = LrpTags.key(container);
        InstanceKey instance = new InstanceKey(guid, cellId);
        String who = describe(key, guid);
        NetInfo net = new NetInfo(container.info().hostIp(), container.info().mappedPorts(),
                container.info().containerIp());
        boolean routable = container.routable();
        InstanceRouting carried = routing.get(guid);
        Optional<LifecycleResponse> started = retrying.call(who + ": start",
                () -> bbs.start(carried == null ? new StartActualLrpRequest(key, instance, net, routable)
                        : new StartActualLrpRequest(key, instance, net, routable, carried.internalRoutes(),
                                carried.metricTags())));
        if (started.isEmpty()) {
            // Keep it running: the row stays CLAIMED by us, and a later crash or stop is still reported.
            LOG.warning(() -> who + ": start unanswered; the instance runs but the BBS may show it CLAIMED");
        } else if (!started.get().ok()) {
            LOG.info(() -> who + ": start refused (" + started.get().error().message() + "); destroying container");
            executor.destroy(guid);
        } else {
            LOG.info(() -> who + ": started at " + net.address() + " " + net.ports()
                    + (routable ? "" : " (not routable)"));
        }
    }

    private void stopInstance(ActualLrpKey key, InstanceKey instance) {
        String guid = instance.instanceGuid();
        if (executor.stop(guid)) {
            LOG.info(() -> describe(key, guid) + ": stopping");
            return; // the container's completion destroys it and removes the instance
        }
        LOG.info(() -> describe(key, guid) + ": stop for a container unknown here; removing the instance");
        if (!shuttingDown) {
            remove(key, instance);
        }
    }

    private void completed(Container container) {
        if (!LrpTags.isLrp(container)) {
            return; // a task's: the TaskProcessor reports it
        }
        queues.submit(container.guid(), "completion of " + container.guid(), () -> reportCompletion(container.guid()));
    }

    /**
     * A SIGTERM to the agent's whole process group (how the agent is stopped) reaches the containers'
     * processes as fast as the agent, and their exits could be reported as crashes before the shutdown
     * hook has silenced the rep. So a process that died of a signal waits a moment before its crash is
     * reported, unless the agent turns out to be shutting down.
     */
    void reportCompletion(String guid) {
        Optional<Container> completed = executor.lookup(guid);
        if (completed.isPresent() && completed.get().result() != null && diedOfSignal(completed.get())) {
            pause(signalSettle);
        }
        if (shuttingDown) {
            return;
        }
        Optional<Container> found = executor.lookup(guid);
        if (found.isEmpty() || found.get().state() != ContainerState.COMPLETED) {
            return; // already destroyed (claim or start refused): nothing to report
        }
        Container container = found.get();
        if (evacuating()) {
            evacuation.process(container);
            return;
        }
        ActualLrpKey key = LrpTags.key(container);
        InstanceKey instance = new InstanceKey(guid, cellId);
        String who = describe(key, guid);
        if (container.result().stopped()) {
            executor.destroy(guid);
            LOG.info(() -> who + ": stopped");
            remove(key, instance);
            return;
        }
        String reason = container.result().failureReason();
        LOG.info(() -> who + ": crashed: " + reason);
        retrying.call(who + ": crash", () -> bbs.crash(new CrashActualLrpRequest(key, instance, reason)))
                .ifPresentOrElse(r -> {
                    if (!r.ok()) {
                        LOG.info(() -> who + ": crash refused: " + r.error().message());
                    }
                }, () -> LOG.warning(() -> who + ": crash unanswered; destroying the container anyway"));
        executor.destroy(guid);
    }

    private static boolean diedOfSignal(Container container) {
        Integer status = container.result().exitStatus();
        return !container.result().stopped() && status != null && status > 128;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(ActualLrpKey key, InstanceKey instance) {
        String who = describe(key, instance.instanceGuid());
        retrying.call(who + ": remove",
                        () -> bbs.remove(new RemoveActualLrpRequest(key.processGuid(), key.index(), instance)))
                .ifPresentOrElse(r -> {
                    if (r.ok()) {
                        LOG.info(() -> who + ": removed");
                    } else {
                        LOG.info(() -> who + ": remove refused: " + r.error().message());
                    }
                }, () -> LOG.warning(() -> who + ": remove unanswered"));
    }

    private static String invalid(LrpStart start) {
        if (start == null || start.actualLrpKey() == null || start.desiredLrp() == null) {
            return "actual_lrp_key and desired_lrp are required";
        }
        ActualLrpKey key = start.actualLrpKey();
        DesiredLrp desired = start.desiredLrp();
        if (key.processGuid() == null || !key.processGuid().equals(desired.processGuid())) {
            return "actual_lrp_key.process_guid " + key.processGuid() + " does not match the desired LRP "
                    + desired.processGuid();
        }
        if (desired.action() == null) {
            return key.processGuid() + "/" + key.index() + " has no action";
        }
        return null;
    }

    private static String describe(ActualLrpKey key, String guid) {
        return "lrp " + key.processGuid() + "/" + key.index() + " instance " + guid;
    }
}
