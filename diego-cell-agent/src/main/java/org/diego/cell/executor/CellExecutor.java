package org.diego.cell.executor;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.diego.cell.garden.BackendException;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerLimits;
import org.diego.cell.garden.ContainerProcess;
import org.diego.cell.garden.ContainerSpec;
import org.diego.cell.garden.ProcessSpec;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;

/**
 * Owns this cell's containers and their resources. Every container completes exactly once and the
 * completion listener hears about it, unless the container was destroyed first (its owner no longer
 * cares). Callers serialise operations on one container (the rep runs one at a time per guid);
 * different containers may be driven concurrently.
 */
public final class CellExecutor {
    private static final Logger LOG = Logger.getLogger(CellExecutor.class.getName());

    private final ContainerBackend backend;
    private final ResourceLedger ledger;
    private final Clock clock;
    private final Map<String, Entry> containers = new LinkedHashMap<>(); // guarded by this
    private final List<Consumer<Container>> completionListeners = new CopyOnWriteArrayList<>();

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
        CompletableFuture<Integer> exit;

        Entry(String guid, Map<String, String> tags, Resources resources, Instant reservedAt) {
            this.guid = guid;
            this.tags = Map.copyOf(tags);
            this.resources = resources;
            this.reservedAt = reservedAt;
        }

        Container snapshot() {
            return new Container(guid, tags, resources, state, stopRequested, info, result, reservedAt);
        }
    }

    public CellExecutor(ContainerBackend backend, Resources total, Clock clock) {
        this.backend = backend;
        this.ledger = new ResourceLedger(total);
        this.clock = clock;
    }

    /**
     * Adds a listener called with a snapshot of each container as it completes, on whichever thread
     * completed it. Every listener hears of every container (the LRP and task processors each pick
     * theirs by tags).
     */
    public void onCompletion(Consumer<Container> listener) {
        completionListeners.add(listener);
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
     * Creates the backend container of a reservation and starts its process. Returns the container as it
     * then is: RUNNING, or COMPLETED when it could not start or was stopped meanwhile (the listener has
     * been told). A container runs at most once: a second call returns the current state untouched.
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
        synchronized (this) {
            entry.info = info;
            if (entry.state == ContainerState.RESERVED) {
                entry.state = ContainerState.CREATED;
            }
            if (entry.stopRequested) {
                return completeLocked(entry, RunResult.stoppedBeforeRunning());
            }
        }
        return start(entry, info, request.action());
    }

    private Container start(Entry entry, ContainerInfo info, RunAction action) {
        List<EnvironmentVariable> env = new ArrayList<>(action.env());
        env.addAll(InstanceNetworkEnv.of(info));
        ContainerProcess process;
        try {
            process = backend.run(entry.guid, new ProcessSpec(action.path(), action.args(), action.dir(), env,
                    action.user()));
        } catch (BackendException e) {
            return complete(entry, RunResult.failedToStart(e.getMessage()));
        }
        boolean stopNow;
        Container snapshot;
        synchronized (this) {
            entry.exit = process.exitStatus();
            if (entry.state == ContainerState.CREATED) {
                entry.state = ContainerState.RUNNING;
            }
            stopNow = entry.stopRequested;
            snapshot = entry.snapshot();
        }
        LOG.fine(() -> "container " + entry.guid + " running as pid " + process.pid());
        process.exitStatus().whenComplete((status, error) -> exited(entry, status == null ? -1 : status));
        if (stopNow) {
            backend.stop(entry.guid, false);
        }
        return snapshot;
    }

    private void exited(Entry entry, int status) {
        Container done;
        synchronized (this) {
            done = completeLocked(entry, RunResult.exited(status, entry.stopRequested));
        }
        if (done != null && done.result().failed()) {
            LOG.info(() -> "container " + entry.guid + " exited with status " + status
                    + LogTail.describe(done.info()));
        }
    }

    /**
     * Asks the container to stop: SIGTERM to its processes, SIGKILL after the backend's grace time. It
     * then completes as stopped. Returns false when the container is unknown.
     */
    public boolean stop(String guid) {
        Entry entry;
        boolean signal;
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
            // RESERVED/CREATED with a run in flight: run() sees the flag and stops it itself.
            signal = entry.state == ContainerState.RUNNING;
        }
        if (signal) {
            backend.stop(guid, false);
        }
        return true;
    }

    /**
     * Forgets the container, kills whatever still runs in it, deletes it and frees its resources. No
     * completion is reported for it afterwards. Returns false when the container is unknown.
     */
    public boolean destroy(String guid) {
        Entry entry;
        synchronized (this) {
            entry = containers.remove(guid);
        }
        if (entry == null) {
            return false;
        }
        backend.destroy(guid);
        ledger.release(entry.resources);
        return true;
    }

    /**
     * Opens a file of a container that was created and not yet destroyed (Diego's executor GetFiles), e.g.
     * a task's result file after it completed. The caller closes the stream.
     */
    public InputStream getFile(String guid, String path) throws BackendException {
        synchronized (this) {
            Entry entry = containers.get(guid);
            if (entry == null || entry.info == null) {
                throw new BackendException("container " + guid + " does not exist");
            }
        }
        return backend.streamOut(guid, path);
    }

    /**
     * For agent shutdown: SIGTERM every process, wait up to {@code grace}, SIGKILL the rest. Containers
     * are left in place (their logs stay readable); the next agent on this work dir reaps them.
     */
    public void stopAll(Duration grace) {
        List<Entry> running = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : containers.values()) {
                entry.stopRequested = true;
                if (entry.state == ContainerState.RUNNING) {
                    running.add(entry);
                }
            }
        }
        running.forEach(e -> backend.stop(e.guid, false));
        long deadline = System.nanoTime() + grace.toNanos();
        for (Entry entry : running) {
            try {
                entry.exit.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
