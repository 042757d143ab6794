package org.diego.cell.garden;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Containers made ahead of time, {@code size} per rootfs directory, so that a create can take one instead
 * of building it (docs/07-garden-runc.md §2, "Warm containers"). Refilling is background work of low
 * priority: one container at a time, on the given executor, and only while the backend is quiet, i.e.
 * no create or process start is in flight nor ended within {@link #QUIET} (a create is followed at once
 * by its process's start, which a refill would slow down). A failed build is retried after a back-off
 * that doubles up to {@link #MAX_BACKOFF}. Time and delayed work come from the caller (a clock and a
 * "run later"), so the quiet period and the back-off are tested without sleeping.
 *
 * @param <T> what a warm container is to the backend
 */
final class WarmPool<T> {
    private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());
    static final Duration QUIET = Duration.ofMillis(100);
    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    /** Builds one warm container on a rootfs directory; leaves nothing behind when it fails. */
    @FunctionalInterface
    interface Builder<T> {
        T build(Path lower) throws IOException;
    }

    /** Runs a task after a delay (the backend's timers); may refuse once the agent stops. */
    @FunctionalInterface
    interface Later {
        void run(Duration delay, Runnable task);
    }

    private final int size;
    private final Builder<T> builder;
    private final Consumer<T> destroyer;
    private final Executor executor;
    private final Later later;
    private final LongSupplier nanoTime;
    private final Map<Path, Deque<T>> ready = new LinkedHashMap<>();
    private int busy;
    private long lastBusyNanos;
    private boolean refilling;
    private boolean wakeUpPending;
    private boolean closed;
    private long backoffNanos;
    private long retryAtNanos;

    /**
     * @param lowers   the rootfs directories to keep containers for
     * @param executor runs a build (the backend's setup threads)
     * @param later    wakes a refill up after the quiet period or a failure's back-off
     * @param nanoTime the clock ({@code System::nanoTime} in the agent)
     */
    WarmPool(int size, List<Path> lowers, Builder<T> builder, Consumer<T> destroyer, Executor executor,
             Later later, LongSupplier nanoTime) {
        this.size = Math.max(0, size);
        this.builder = builder;
        this.destroyer = destroyer;
        this.executor = executor;
        this.later = later;
        this.nanoTime = nanoTime;
        this.lastBusyNanos = nanoTime.getAsLong() - QUIET.toNanos();
        this.retryAtNanos = nanoTime.getAsLong();
        if (this.size > 0) {
            lowers.forEach(l -> ready.putIfAbsent(l, new ArrayDeque<>()));
        }
    }

    /** A ready container on {@code lower}, or null; a refill follows once the backend is quiet. */
    synchronized T take(Path lower) {
        Deque<T> queue = ready.get(lower);
        return queue == null ? null : queue.pollFirst();
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
        Path lower;
        synchronized (this) {
            lower = closed ? null : shortOf();
        }
        if (lower == null) {
            done();
            return;
        }
        T built;
        try {
            built = builder.build(lower);
        } catch (IOException | RuntimeException e) {
            backOff(lower, e);
            done();
            refill(); // sets the wake-up for the end of the back-off
            return;
        }
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                ready.get(lower).addLast(built);
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

    private void backOff(Path lower, Exception e) {
        long delay;
        synchronized (this) {
            backoffNanos = backoffNanos == 0 ? MIN_BACKOFF.toNanos()
                    : Math.min(MAX_BACKOFF.toNanos(), backoffNanos * 2);
            delay = backoffNanos;
            retryAtNanos = nanoTime.getAsLong() + delay;
        }
        LOG.log(Level.WARNING, "cannot make a warm container on " + lower + "; retrying in "
                + delay / 1_000_000_000 + " s", e);
    }

    /** The first directory with fewer than {@code size} ready containers, or null. */
    private Path shortOf() {
        for (Map.Entry<Path, Deque<T>> e : ready.entrySet()) {
            if (e.getValue().size() < size) {
                return e.getKey();
            }
        }
        return null;
    }

    /** How many containers on {@code lower} are ready. */
    synchronized int ready(Path lower) {
        Deque<T> queue = ready.get(lower);
        return queue == null ? 0 : queue.size();
    }

    /**
     * For tests and benchmarks on the real backend: waits (real time) until every directory has {@code size}
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
