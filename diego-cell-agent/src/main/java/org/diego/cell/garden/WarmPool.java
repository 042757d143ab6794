package org.diego.cell.garden;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Containers made ahead of time, {@code size} per kind (for the runc backend: a rootfs directory and a disk
 * limit), so that a create can take one instead of building it (docs/07-garden-runc.md §2, "Warm
 * containers"). Refilling is background work of low priority: one container at a time, on the given
 * executor, and only while the backend is quiet, i.e. no create or process start is in flight nor ended
 * within {@link #QUIET} (a create is followed at once by its process's start, which a refill would slow
 * down). A failed build is retried after a back-off that doubles up to {@link #MAX_BACKOFF}. Time and
 * delayed work come from the caller (a clock and a "run later"), so the quiet period and the back-off are
 * tested without sleeping.
 *
 * <p>The kinds kept can change: {@link #want} replaces one kind by another, destroying the replaced kind's
 * containers in the background, and {@link #take} does so when a slot (kinds that replace each other, for
 * the runc backend a rootfs directory) is asked twice in a row for a kind it does not keep.
 *
 * @param <K> a kind of warm container (what a create must match to take one)
 * @param <T> what a warm container is to the backend
 */
final class WarmPool<K, T> {
    private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());
    static final Duration QUIET = Duration.ofMillis(100);
    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    /** Builds one warm container of a kind; leaves nothing behind when it fails. */
    @FunctionalInterface
    interface Builder<K, T> {
        T build(K kind) throws IOException;
    }

    /** Runs a task after a delay (the backend's timers); may refuse once the agent stops. */
    @FunctionalInterface
    interface Later {
        void run(Duration delay, Runnable task);
    }

    private final int size;
    private final Builder<K, T> builder;
    private final Consumer<T> destroyer;
    private final Executor executor;
    private final Later later;
    private final LongSupplier nanoTime;
    private final Map<K, Deque<T>> ready = new LinkedHashMap<>();
    private int busy;
    private long lastBusyNanos;
    private boolean refilling;
    private boolean wakeUpPending;
    private boolean closed;
    private long backoffNanos;
    private long retryAtNanos;
    private final Function<K, ?> slotOf;
    /** Per slot, the kind the last take asked for when the slot kept another one (see {@link #take}). */
    private final Map<Object, K> lastMisses = new HashMap<>();

    /** Each kind a slot of its own: the kinds kept change only through {@link #want}. */
    WarmPool(int size, List<K> kinds, Builder<K, T> builder, Consumer<T> destroyer, Executor executor,
             Later later, LongSupplier nanoTime) {
        this(size, kinds, k -> k, builder, destroyer, executor, later, nanoTime);
    }

    /**
     * @param kinds    the kinds to keep containers of, one per slot
     * @param slotOf   the slot of a kind: kinds of one slot replace each other (for the runc backend, the
     *                 rootfs directory; its kinds differ by disk limit)
     * @param executor runs a build (the backend's setup threads)
     * @param later    wakes a refill up after the quiet period or a failure's back-off
     * @param nanoTime the clock ({@code System::nanoTime} in the agent)
     */
    WarmPool(int size, List<K> kinds, Function<K, ?> slotOf, Builder<K, T> builder, Consumer<T> destroyer,
             Executor executor, Later later, LongSupplier nanoTime) {
        this.slotOf = slotOf;
        this.size = Math.max(0, size);
        this.builder = builder;
        this.destroyer = destroyer;
        this.executor = executor;
        this.later = later;
        this.nanoTime = nanoTime;
        this.lastBusyNanos = nanoTime.getAsLong() - QUIET.toNanos();
        this.retryAtNanos = nanoTime.getAsLong();
        if (this.size > 0) {
            kinds.forEach(k -> ready.putIfAbsent(k, new ArrayDeque<>()));
        }
    }

    /**
     * A ready container of {@code kind}, or null; a refill follows once the backend is quiet. Two takes in a
     * row asking for the same kind that its slot does not keep switch the slot to it ({@link #want}); a lone
     * one (a staging task among an app's instances) does not, so the pool follows runs without flapping.
     */
    T take(K kind) {
        K replaced;
        synchronized (this) {
            Object slot = slotOf.apply(kind);
            Deque<T> queue = ready.get(kind);
            if (queue != null) {
                lastMisses.remove(slot);
                return queue.pollFirst();
            }
            replaced = ready.keySet().stream().filter(k -> slotOf.apply(k).equals(slot)).findFirst().orElse(null);
            if (replaced == null || !kind.equals(lastMisses.put(slot, kind))) {
                return null;
            }
            lastMisses.remove(slot);
        }
        want(kind, replaced);
        return null;
    }

    /**
     * From now on keeps containers of {@code kind} instead of {@code replaced} (nothing happens unless
     * {@code replaced} is kept and {@code kind} is not); the replaced kind's ready containers are destroyed
     * on the executor, and one being built is destroyed when done.
     */
    void want(K kind, K replaced) {
        List<T> dropped;
        synchronized (this) {
            if (closed || kind.equals(replaced) || !ready.containsKey(replaced) || ready.containsKey(kind)) {
                return;
            }
            dropped = new ArrayList<>(ready.remove(replaced));
            ready.put(kind, new ArrayDeque<>());
        }
        if (!dropped.isEmpty()) {
            try {
                executor.execute(() -> dropped.forEach(destroyer));
            } catch (RejectedExecutionException e) {
                dropped.forEach(destroyer);
            }
        }
        refill();
    }

    /** A create or a process start begins: refills wait until it and a quiet period are over. */
    synchronized void enterBusy() {
        busy++;
    }

    /** It ended; refills whatever is short once the backend has been quiet for {@link #QUIET}. */
    void exitBusy() {
        synchronized (this) {
            busy--;
            lastBusyNanos = nanoTime.getAsLong();
        }
        refill();
    }

    /**
     * Starts building the next missing container unless one is being built, the pool is full or closed,
     * the backend is busy (its exitBusy calls this again), or it is too early: then a wake-up is set for
     * the end of the quiet period or of the back-off.
     */
    void refill() {
        Duration wait;
        synchronized (this) {
            if (refilling || closed || busy > 0 || shortOf() == null) {
                return;
            }
            long now = nanoTime.getAsLong();
            long until = Math.max(lastBusyNanos + QUIET.toNanos(), retryAtNanos);
            if (now - until < 0) {
                if (wakeUpPending) {
                    return;
                }
                wakeUpPending = true;
                wait = Duration.ofNanos(until - now);
            } else {
                refilling = true;
                wait = null;
            }
        }
        if (wait != null) {
            try {
                later.run(wait, () -> {
                    synchronized (this) {
                        wakeUpPending = false;
                    }
                    refill();
                });
            } catch (RejectedExecutionException stopping) {
                synchronized (this) {
                    wakeUpPending = false;
                }
            }
            return;
        }
        try {
            executor.execute(this::buildOne);
        } catch (RejectedExecutionException e) {
            done();
        }
    }

    private void buildOne() {
        K kind;
        synchronized (this) {
            kind = closed ? null : shortOf();
        }
        if (kind == null) {
            done();
            return;
        }
        T built;
        try {
            built = builder.build(kind);
        } catch (IOException | RuntimeException e) {
            backOff(kind, e);
            done();
            refill(); // sets the wake-up for the end of the back-off
            return;
        }
        boolean keep;
        synchronized (this) {
            Deque<T> queue = closed ? null : ready.get(kind); // null too when the kind was replaced meanwhile
            keep = queue != null;
            if (keep) {
                queue.addLast(built);
                backoffNanos = 0;
            }
        }
        if (!keep) {
            destroyer.accept(built);
        }
        done();
        refill();
    }

    private synchronized void done() {
        refilling = false;
        notifyAll();
    }

    private void backOff(K kind, Exception e) {
        long delay;
        synchronized (this) {
            backoffNanos = backoffNanos == 0 ? MIN_BACKOFF.toNanos()
                    : Math.min(MAX_BACKOFF.toNanos(), backoffNanos * 2);
            delay = backoffNanos;
            retryAtNanos = nanoTime.getAsLong() + delay;
        }
        LOG.log(Level.WARNING, "cannot make a warm container (" + kind + "); retrying in "
                + delay / 1_000_000_000 + " s", e);
    }

    /** The first kind with fewer than {@code size} ready containers, or null. */
    private K shortOf() {
        for (Map.Entry<K, Deque<T>> e : ready.entrySet()) {
            if (e.getValue().size() < size) {
                return e.getKey();
            }
        }
        return null;
    }

    /** How many containers of {@code kind} are ready. */
    synchronized int ready(K kind) {
        Deque<T> queue = ready.get(kind);
        return queue == null ? 0 : queue.size();
    }

    /**
     * For tests and benchmarks on the real backend: waits (real time) until every kind has {@code size}
     * ready containers; false when {@code timeout} passed first.
     */
    boolean awaitFull(Duration timeout) throws InterruptedException {
        refill();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!closed && shortOf() != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Woken by each finished build; a bounded wait also covers a wake-up that is merely pending.
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, QUIET.toNanos()));
            }
            return !closed;
        }
    }

    /**
     * Stops refilling and destroys the containers not taken, the one being built included (waited for, up
     * to a minute).
     */
    void close() {
        List<T> left = new ArrayList<>();
        synchronized (this) {
            closed = true;
            notifyAll();
            ready.values().forEach(left::addAll);
            ready.values().forEach(Deque::clear);
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            while (refilling && deadline - System.nanoTime() > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        left.forEach(destroyer);
    }
}
