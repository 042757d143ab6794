package org.diego.cell.executor;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.executor.steps.Recipe;
import org.diego.cell.executor.steps.Step;
import org.diego.cell.executor.steps.StepError;
import org.diego.cell.executor.steps.StepLog;
import org.diego.cell.executor.steps.StepScheduler;
import org.diego.cell.executor.steps.StepSettings;
import org.diego.cell.executor.steps.StepTarget;
import org.diego.cell.executor.steps.Transformer;
import org.diego.cell.garden.BackendException;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerLimits;
import org.diego.cell.garden.ContainerSpec;

/**
 * Owns this cell's containers and their resources. Running a container runs its recipe's step tree
 * (see {@link Transformer}); the container is RUNNING once the tree is ready (the action runs and its
 * startup check passed) and completes when the tree ends. Running listeners hear of every RUNNING
 * container, again whenever its readiness changes; every container completes exactly once and the
 * completion listeners hear about it, unless it was destroyed first (its owner no longer cares). Callers
 * serialise operations on one container (the rep runs one at a time per guid); different containers
 * may be driven concurrently.
 *
 * <p>A reservation that is never run expires (Diego's executor {@code reserved_expiration_time}, 1 min):
 * see {@link #expireReservations()}.
 */
public final class CellExecutor {
    private static final Logger LOG = Logger.getLogger(CellExecutor.class.getName());
    /** Diego's executor default {@code reserved_expiration_time}. */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(1);

    private final ContainerBackend backend;
    private final ResourceLedger ledger;
    private final Clock clock;
    private final Map<String, Entry> containers = new LinkedHashMap<>(); // guarded by this
    private final List<Consumer<Container>> completionListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Container>> runningListeners = new CopyOnWriteArrayList<>();
    private final Transformer transformer;
    private final Duration reservationTtl;
    private volatile ContainerLogs logs = ContainerLogs.NONE;

    /** The mutable record behind a {@link Container} snapshot; fields guarded by the executor. */
    private static final class Entry {
        final String guid;
        final Map<String, String> tags;
        final Resources resources;
        final Instant reservedAt;
        ContainerState state = ContainerState.RESERVED;
        boolean runRequested;
        boolean stopRequested;
        ContainerInfo info;
        RunResult result;
        Step steps;
        CompletableFuture<Void> done;
        boolean routable;

        Entry(String guid, Map<String, String> tags, Resources resources, Instant reservedAt) {
            this.guid = guid;
            this.tags = Map.copyOf(tags);
            this.resources = resources;
            this.reservedAt = reservedAt;
        }

        Container snapshot() {
            return new Container(guid, tags, resources, state, stopRequested, info, result, reservedAt,
                    state == ContainerState.RUNNING && routable);
        }
    }

    /** With Diego's default step settings on shared threads and a downloader that does not cache. */
    public CellExecutor(ContainerBackend backend, Resources total, Clock clock) {
        this(backend, total, clock, StepSettings.defaults(clock));
    }

    /** With Diego's reservation expiry of one minute. */
    public CellExecutor(ContainerBackend backend, Resources total, Clock clock, StepSettings steps) {
        this(backend, total, clock, steps, DEFAULT_RESERVATION_TTL);
    }

    /** @param reservationTtl how long a reservation may wait for its run before it expires (positive) */
    public CellExecutor(ContainerBackend backend, Resources total, Clock clock, StepSettings steps,
                        Duration reservationTtl) {
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("reservation TTL must be positive: " + reservationTtl);
        }
        this.backend = backend;
        this.ledger = new ResourceLedger(total);
        this.clock = clock;
        this.transformer = new Transformer(steps);
        this.reservationTtl = reservationTtl;
    }

    /** Where containers' logs go from now on (containers already running keep theirs). */
    public void useLogs(ContainerLogs logs) {
        this.logs = logs;
    }

    public Duration reservationTtl() {
        return reservationTtl;
    }

    /**
     * Adds a listener called with a snapshot of each container as it completes, on whichever thread
     * completed it. Every listener hears of every container (the LRP and task processors each pick
     * theirs by tags).
     */
    public void onCompletion(Consumer<Container> listener) {
        completionListeners.add(listener);
    }

    /**
     * Adds a listener called with a snapshot of each container when it becomes RUNNING and whenever its
     * routable flag changes while it runs (Diego's ContainerRunningEvent). Called under the executor's
     * lock, before the same container's completion, so it must only hand the work over.
     */
    public void onRunning(Consumer<Container> listener) {
        runningListeners.add(listener);
    }

    public Resources totalResources() {
        return ledger.total();
    }

    public Resources remainingResources() {
        return ledger.remaining();
    }

    /**
     * Destroys every backend container this executor does not know, as Diego's executor does when it
     * starts: they belong to an earlier agent on this work dir and nobody will report them.
     */
    public int reapUnknownContainers() {
        List<String> unknown;
        synchronized (this) {
            unknown = backend.list().stream().filter(h -> !containers.containsKey(h)).toList();
        }
        unknown.forEach(backend::destroy);
        return unknown.size();
    }

    /** Holds resources for a new container; empty when the cell lacks them. */
    public synchronized Optional<Container> reserve(String guid, Map<String, String> tags, Resources resources) {
        if (containers.containsKey(guid)) {
            throw new IllegalStateException("container " + guid + " already exists");
        }
        if (!ledger.tryReserve(resources)) {
            return Optional.empty();
        }
        Entry entry = new Entry(guid, tags, resources, clock.instant());
        containers.put(guid, entry);
        return Optional.of(entry.snapshot());
    }

    /**
     * Reaps the reservations that waited at least the reservation TTL for a run that never came (the rep
     * reserved, then its claim or run request was lost), as Diego's executor's registry pruner does: only
     * containers still RESERVED with no run requested (a run in flight, a stopped or completed one is left
     * alone). Each is completed as failed with Diego's reason {@link RunResult#EXPIRED}, forgotten and its
     * resources freed at once (there is no backend container yet), and the completion listeners hear of it
     * with that snapshot. Unlike Diego, where the rep then reports the completed container as a crash and
     * deletes it, the rep's processors find it already gone and report nothing: nothing ran, so no crash
     * should count against the app. The bulk sync then removes an ActualLRP this cell had CLAIMED (its
     * container is missing), and convergence re-places it; a task started here fails as having lost its
     * container; rows never claimed here are the auctioneer's and convergence's. A run of an expired
     * reservation fails as for any unknown container. Returns the expired containers.
     */
    public List<Container> expireReservations() {
        List<Container> expired = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            Iterator<Entry> it = containers.values().iterator();
            while (it.hasNext()) {
                Entry entry = it.next();
                if (entry.state != ContainerState.RESERVED || entry.runRequested || entry.stopRequested
                        || Duration.between(entry.reservedAt, now).compareTo(reservationTtl) < 0) {
                    continue;
                }
                it.remove();
                ledger.release(entry.resources);
                entry.state = ContainerState.COMPLETED;
                entry.result = RunResult.expired();
                expired.add(entry.snapshot());
            }
            for (Container done : expired) {
                completionListeners.forEach(l -> l.accept(done));
            }
        }
        expired.forEach(c -> LOG.info(() -> "container " + c.guid() + " expired: reserved at " + c.reservedAt()
                + " and not run within " + reservationTtl.toMillis() + " ms; resources released"));
        return expired;
    }

    /**
     * Checks for expired reservations every half TTL (Diego's pruner period), on {@code scheduler}, until
     * the returned handle is cancelled. A reservation is thus reaped between one TTL and 1.5 TTL after it
     * was made.
     */
    public StepScheduler.Cancellable expireReservationsPeriodically(StepScheduler scheduler) {
        ExpiryLoop loop = new ExpiryLoop(scheduler, reservationTtl.dividedBy(2));
        loop.scheduleNext();
        return loop;
    }

    /** Re-arms itself after each check until cancelled. */
    private final class ExpiryLoop implements StepScheduler.Cancellable {
        private final StepScheduler scheduler;
        private final Duration period;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<StepScheduler.Cancellable> next = new AtomicReference<>();

        ExpiryLoop(StepScheduler scheduler, Duration period) {
            this.scheduler = scheduler;
            this.period = period;
        }

        void scheduleNext() {
            if (!cancelled.get()) {
                next.set(scheduler.schedule(period, this::tick));
            }
        }

        private void tick() {
            if (cancelled.get()) {
                return;
            }
            try {
                expireReservations();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking for expired reservations failed", e);
            }
            scheduleNext();
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            StepScheduler.Cancellable pending = next.get();
            if (pending != null) {
                pending.cancel();
            }
        }
    }

    public synchronized Optional<Container> lookup(String guid) {
        return Optional.ofNullable(containers.get(guid)).map(Entry::snapshot);
    }

    public synchronized List<Container> list() {
        return containers.values().stream().map(Entry::snapshot).toList();
    }

    /** Containers carrying all of {@code tags}. */
    public synchronized List<Container> list(Map<String, String> tags) {
        return containers.values().stream().map(Entry::snapshot).filter(c -> c.hasTags(tags)).toList();
    }

    /**
     * Creates the backend container of a reservation and starts its steps. Returns the container as it
     * then is: usually CREATED (it becomes RUNNING when its steps are ready, and the running listeners
     * hear of it), or COMPLETED when it could not start or was stopped meanwhile (the completion listeners
     * have been told). A container runs at most once: a second call returns the current state untouched.
     */
    public Container run(String guid, RunRequest request) {
        Entry entry;
        synchronized (this) {
            entry = containers.get(guid);
            if (entry == null) {
                throw new IllegalStateException("no container " + guid);
            }
            if (entry.runRequested || entry.state != ContainerState.RESERVED) {
                return entry.snapshot();
            }
            entry.runRequested = true;
        }
        ContainerInfo info;
        try {
            ContainerLimits limits = ContainerLimits.forInstance(entry.resources.memoryMb(),
                    entry.resources.diskMb(), request.maxPids());
            info = backend.create(new ContainerSpec(guid, request.rootfs(), request.env(), request.ports(), limits));
        } catch (BackendException e) {
            return complete(entry, RunResult.failedToStart(e.getMessage()));
        }
        Step steps;
        try {
            Recipe recipe = request.recipe();
            StepLog log = logs.started(guid, entry.tags, request, info,
                    StepLog.forContainer(guid, recipe.logGuid(), recipe.logSource()));
            steps = transformer.build(new StepTarget(backend, guid, info, InstanceNetworkEnv.of(info)),
                    recipe, routable -> readinessChanged(entry, routable), log);
        } catch (RuntimeException e) {
            synchronized (this) {
                entry.info = info;
            }
            return complete(entry, RunResult.failedToStart(e.getMessage()));
        }
        synchronized (this) {
            entry.info = info;
            entry.steps = steps;
            entry.routable = !request.recipe().hasReadinessChecks();
            if (entry.state == ContainerState.RESERVED) {
                entry.state = ContainerState.CREATED;
            }
            if (entry.stopRequested) {
                return completeLocked(entry, RunResult.stoppedBeforeRunning());
            }
        }
        steps.ready().thenRun(() -> becameRunning(entry));
        CompletableFuture<Void> done = steps.perform();
        synchronized (this) {
            entry.done = done;
        }
        done.whenComplete((v, error) -> stepsEnded(entry, error == null ? null : StepError.of(error)));
        return lookup(guid).orElseGet(entry::snapshot);
    }

    private void becameRunning(Entry entry) {
        synchronized (this) {
            if (entry.state != ContainerState.CREATED || containers.get(entry.guid) != entry) {
                return;
            }
            entry.state = ContainerState.RUNNING;
            notifyRunning(entry);
        }
        LOG.fine(() -> "container " + entry.guid + " running");
    }

    /** Diego's executor emits a running event again when readiness flips; routable only counts once running. */
    private void readinessChanged(Entry entry, boolean routable) {
        synchronized (this) {
            if (entry.routable == routable) {
                return;
            }
            entry.routable = routable;
            if (entry.state == ContainerState.RUNNING && containers.get(entry.guid) == entry) {
                notifyRunning(entry);
            }
        }
        LOG.info(() -> "container " + entry.guid + (routable ? " ready (routable)" : " not ready (not routable)"));
    }

    private void notifyRunning(Entry entry) {
        Container running = entry.snapshot();
        runningListeners.forEach(l -> l.accept(running));
    }

    private void stepsEnded(Entry entry, StepError error) {
        Container done;
        synchronized (this) {
            RunResult result;
            Integer status = error == null ? null : error.exitStatus();
            if (entry.stopRequested) {
                result = RunResult.stopped(status);
            } else if (error == null) {
                result = RunResult.succeeded();
            } else {
                result = RunResult.failed(error.getMessage(), status);
            }
            done = completeLocked(entry, result);
        }
        if (done != null && done.result().failed()) {
            LOG.info(() -> "container " + entry.guid + " failed: " + done.result().failureReason()
                    + LogTail.describe(done.info()));
        }
    }

    /**
     * Asks the container to stop: its steps are cancelled (a running process gets SIGTERM, SIGKILL after
     * the graceful shutdown interval) and the backend stops whatever else runs in it. It then completes as
     * stopped. Returns false when the container is unknown.
     */
    public boolean stop(String guid) {
        Entry entry;
        Step steps;
        synchronized (this) {
            entry = containers.get(guid);
            if (entry == null) {
                return false;
            }
            if (entry.state == ContainerState.COMPLETED || entry.stopRequested) {
                return true;
            }
            entry.stopRequested = true;
            if (entry.state == ContainerState.RESERVED && !entry.runRequested) {
                completeLocked(entry, RunResult.stoppedBeforeRunning());
                return true;
            }
            // A run in flight that has no steps yet sees the flag and stops itself.
            steps = entry.state == ContainerState.COMPLETED ? null : entry.steps;
        }
        if (steps != null) {
            stopSteps(guid, steps);
        }
        return true;
    }

    /**
     * Forgets the container, kills whatever still runs in it, deletes it and frees its resources. No
     * completion is reported for it afterwards. Returns false when the container is unknown.
     */
    public boolean destroy(String guid) {
        Entry entry;
        Step steps;
        synchronized (this) {
            entry = containers.remove(guid);
            steps = entry == null ? null : entry.steps;
        }
        if (entry == null) {
            return false;
        }
        if (steps != null) {
            steps.cancel(); // no more checks or timers for a container that is gone
        }
        logs.destroyed(guid); // reads the last output before the backend deletes it
        backend.destroy(guid);
        ledger.release(entry.resources);
        return true;
    }

    /**
     * Opens a file of a container that was created and not yet destroyed (Diego's executor GetFiles), e.g.
     * a task's result file after it completed. The caller closes the stream.
     */
    public InputStream getFile(String guid, String path) throws BackendException {
        return getFile(guid, path, null);
    }

    /** As {@link #getFile(String, String)}, a relative path resolved in {@code user}'s home. */
    public InputStream getFile(String guid, String path, String user) throws BackendException {
        synchronized (this) {
            Entry entry = containers.get(guid);
            if (entry == null || entry.info == null) {
                throw new BackendException("container " + guid + " does not exist");
            }
        }
        return user == null ? backend.readFile(guid, path) : backend.readFile(guid, path, user);
    }

    /**
     * For agent shutdown: stop every container's steps and processes, wait up to {@code grace}, SIGKILL
     * the rest. Containers are left in place (their logs stay readable); the next agent on this work dir
     * reaps them.
     */
    public void stopAll(Duration grace) {
        List<Entry> running = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : containers.values()) {
                entry.stopRequested = true;
                if (entry.steps != null && entry.state != ContainerState.COMPLETED) {
                    running.add(entry);
                }
            }
        }
        running.forEach(e -> stopSteps(e.guid, e.steps));
        long deadline = System.nanoTime() + grace.toNanos();
        for (Entry entry : running) {
            CompletableFuture<Void> done;
            synchronized (this) {
                done = entry.done;
            }
            try {
                if (done != null) {
                    done.handle((v, e) -> null).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.info(() -> "container " + entry.guid + " did not stop within " + grace.toMillis()
                        + " ms; killing it");
                backend.stop(entry.guid, true);
            }
        }
    }

    /** Cancels the steps, and has the backend signal every process of the container (daemons included). */
    private void stopSteps(String guid, Step steps) {
        steps.cancel();
        backend.stop(guid, false);
    }

    private Container complete(Entry entry, RunResult result) {
        Container done;
        synchronized (this) {
            done = completeLocked(entry, result);
        }
        if (done != null && result.failed()) {
            LOG.warning(() -> "container " + entry.guid + " failed: " + result.failureReason());
        }
        return done != null ? done : lookup(entry.guid).orElseGet(entry::snapshot);
    }

    /**
     * Marks the entry completed (once) and tells the listener, unless it was destroyed. The listener
     * is called under the executor's lock, so it must only hand the work over (the rep queues it).
     */
    private Container completeLocked(Entry entry, RunResult result) {
        if (entry.state == ContainerState.COMPLETED || containers.get(entry.guid) != entry) {
            return null;
        }
        entry.state = ContainerState.COMPLETED;
        entry.result = result;
        Container done = entry.snapshot();
        completionListeners.forEach(l -> l.accept(done));
        return done;
    }
}
