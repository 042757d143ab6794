package org.diego.cell.garden;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Garden bookkeeping both backends share: properties, processes by id (attach), state, grace time.
 * A subclass registers a container when it has created it and forgets it when it destroys it, names
 * each container it is asked about through {@link #record(String)} (which counts as use for the grace
 * time) and starts processes through {@link #track}.
 *
 * <p>Grace time, as Garden's: a container with one is destroyed once no call naming it has been made
 * for that long. Garden pauses the clock while a client is attached to a running process; our callers
 * hold no connection, so a running process of the container counts as use instead. Bulk calls and
 * {@link #usage} (the periodic metrics) do not count, or metrics alone would keep every container alive.
 */
public abstract class BookkeepingBackend implements ContainerBackend {
    private static final Logger LOG = Logger.getLogger(BookkeepingBackend.class.getName());
    static final Duration REAP_EVERY = Duration.ofSeconds(1);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ContainerRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong processNumbers = new AtomicLong();
    private final AtomicBoolean reaperStarted = new AtomicBoolean();

    protected BookkeepingBackend(Clock clock, ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Starts a process under a number unique in this backend and the id the caller sees. */
    @FunctionalInterface
    protected interface Starter {
        ContainerProcess start(String id, long number) throws BackendException;
    }

    /** A container the subclass has just created. */
    protected final void register(ContainerSpec spec, ContainerInfo info) {
        records.put(info.handle(), new ContainerRecord(info, spec.properties(), spec.graceTime(), clock.instant()));
        if (spec.graceTime() != null) {
            startReaper();
        }
    }

    /** A container the subclass is destroying. */
    protected final void forget(String handle) {
        if (handle != null) {
            records.remove(handle);
        }
    }

    /** Marks a container used now; unknown handles are a {@link BackendException}, as Garden's lookup. */
    final ContainerRecord record(String handle) throws BackendException {
        ContainerRecord record = handle == null ? null : records.get(handle);
        if (record == null) {
            throw new BackendException("unknown container " + handle);
        }
        record.touch(clock.instant());
        return record;
    }

    /** Whether this backend holds a live container {@code handle} (no use counted). */
    protected final boolean known(String handle) {
        return handle != null && records.containsKey(handle);
    }

    /** Marks the container stopped (Garden's Info state), if known; counts as use. */
    protected final void stopped(String handle) {
        ContainerRecord record = handle == null ? null : records.get(handle);
        if (record != null) {
            record.touch(clock.instant());
            record.markStopped();
        }
    }

    /**
     * Runs {@code starter} under the spec's id (or a new one) and registers the process for
     * {@link #attach}; an id a running process of the container has is refused.
     */
    protected final ContainerProcess track(String handle, ProcessSpec spec, Starter starter) throws BackendException {
        ContainerRecord record = record(handle);
        long number = processNumbers.incrementAndGet();
        String id = spec.id() != null ? spec.id() : "process-" + number;
        record.processes().reserve(id);
        try {
            ContainerProcess process = starter.start(id, number);
            record.processes().started(process);
            return process;
        } catch (BackendException | RuntimeException e) {
            record.processes().cancel(id);
            throw e;
        }
    }

    @Override
    public ContainerDetails info(String handle) throws BackendException {
        return record(handle).details(events(handle));
    }

    /**
     * The container's Garden events (see {@link ContainerDetails#events()}); none by default. May read
     * the file system, and is called without holding any lock of the bookkeeping.
     */
    protected List<String> events(String handle) {
        return List.of();
    }

    /** Like Garden's BulkInfo: no use is counted. */
    @Override
    public Map<String, BulkEntry<ContainerDetails>> bulkInfo(Collection<String> handles) {
        Map<String, BulkEntry<ContainerDetails>> result = new java.util.LinkedHashMap<>();
        for (String handle : handles) {
            ContainerRecord record = records.get(handle);
            result.put(handle, record == null ? BulkEntry.failed("unknown container " + handle)
                    : BulkEntry.of(record.details(events(handle))));
        }
        return result;
    }

    @Override
    public List<String> list(Map<String, String> properties) {
        List<String> handles = new ArrayList<>();
        for (String handle : list()) {
            ContainerRecord record = records.get(handle);
            if (properties == null || properties.isEmpty()) {
                handles.add(handle);
            } else if (record != null && record.properties().entrySet().containsAll(properties.entrySet())) {
                handles.add(handle);
            }
        }
        return handles;
    }

    @Override
    public Map<String, String> properties(String handle) throws BackendException {
        return Map.copyOf(record(handle).properties());
    }

    @Override
    public String property(String handle, String name) throws BackendException {
        String value = record(handle).properties().get(requireName(name));
        if (value == null) {
            throw new BackendException("container " + handle + " has no property " + name);
        }
        return value;
    }

    @Override
    public void setProperty(String handle, String name, String value) throws BackendException {
        if (value == null) {
            throw new IllegalArgumentException("property " + name + ": value must not be null");
        }
        record(handle).properties().put(requireName(name), value);
    }

    @Override
    public void removeProperty(String handle, String name) throws BackendException {
        record(handle).properties().remove(requireName(name));
    }

    @Override
    public ContainerProcess attach(String handle, String processId) throws BackendException {
        ContainerProcess process = record(handle).processes().get(processId);
        if (process == null) {
            throw new BackendException("container " + handle + " has no process " + processId);
        }
        return process;
    }

    @Override
    public void setGraceTime(String handle, Duration graceTime) throws BackendException {
        if (graceTime != null && graceTime.isNegative()) {
            throw new IllegalArgumentException("graceTime must not be negative: " + graceTime);
        }
        record(handle).graceTime(graceTime, clock.instant());
        if (graceTime != null && !graceTime.isZero()) {
            startReaper();
        }
    }

    /**
     * Destroys every container unused for its grace time; runs every {@link #REAP_EVERY} once any
     * container has one. Returns the handles destroyed.
     */
    public final List<String> reapIdle() {
        List<String> idle = new ArrayList<>();
        records.forEach((handle, record) -> {
            if (record.idle(clock.instant())) {
                idle.add(handle);
            }
        });
        for (String handle : idle) {
            LOG.info(() -> "container " + handle + ": unused for its grace time; destroying it");
            try {
                destroy(handle);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "container " + handle + ": destroy after its grace time failed", e);
            }
        }
        return idle;
    }

    private void startReaper() {
        if (scheduler != null && reaperStarted.compareAndSet(false, true)) {
            long every = REAP_EVERY.toMillis();
            scheduler.scheduleWithFixedDelay(this::reapIdleQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void reapIdleQuietly() {
        try {
            reapIdle();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "grace time reaper failed", e);
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name must not be empty");
        }
        return name;
    }
}
