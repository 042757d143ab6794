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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Containers made ahead of time, {@code size} per rootfs directory, so that a create can take one instead
 * of building it (docs/07-garden-runc.md §2, "Warm containers"). Refilling is background work of low
 * priority: one container at a time, on the given executor, and only while the backend is quiet, i.e.
 * no create or process start is in flight nor ended within {@link #QUIET} (a create is followed at once
 * by its process's start, which a refill would slow down). A failed build is retried after a back-off
 * that doubles up to {@link #MAX_BACKOFF}.
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

    private final int size;
    private final Builder<T> builder;
    private final Consumer<T> destroyer;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Map<Path, Deque<T>> ready = new LinkedHashMap<>();
    private int busy;
    private long lastBusyNanos = System.nanoTime() - QUIET.toNanos();
    private boolean refilling;
    private boolean closed;
    private long backoffNanos;
    private long retryAtNanos = System.nanoTime();

    /**
     * @param lowers    the rootfs directories to keep containers for
     * @param executor  runs the refill (the backend's setup threads)
     * @param scheduler wakes a refill up after a failure's back-off; may be null (then the next create does)
     */
    WarmPool(int size, List<Path> lowers, Builder<T> builder, Consumer<T> destroyer, Executor executor,
             ScheduledExecutorService scheduler) {
        this.size = Math.max(0, size);
        this.builder = builder;
        this.destroyer = destroyer;
        this.executor = executor;
        this.scheduler = scheduler;
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
            lastBusyNanos = System.nanoTime();
            notifyAll();
        }
        refill();
    }

    /** Starts the refill unless one runs, the pool is full, closed, or backing off after a failure. */
    void refill() {
        synchronized (this) {
            if (refilling || closed || shortOf() == null || System.nanoTime() - retryAtNanos < 0) {
                return;
            }
            refilling = true;
        }
        try {
            executor.execute(this::refillLoop);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                refilling = false;
                notifyAll();
            }
        }
    }

    private void refillLoop() {
        try {
            while (true) {
                Path lower = awaitQuietAndPick();
                if (lower == null) {
                    return;
                }
                T built;
                try {
                    built = builder.build(lower);
                } catch (IOException | RuntimeException e) {
                    backOff(lower, e);
                    return;
                }
                boolean keep;
                synchronized (this) {
                    keep = !closed;
                    if (keep) {
                        ready.get(lower).addLast(built);
                        backoffNanos = 0;
                        notifyAll();
                    }
                }
                if (!keep) {
                    destroyer.accept(built);
                    return;
                }
            }
        } finally {
            synchronized (this) {
                refilling = false;
                notifyAll();
            }
        }
    }

    /** Waits until nothing is busy and the quiet period has passed; the directory to build for, or null. */
    private synchronized Path awaitQuietAndPick() {
        while (!closed) {
            long quietFor = System.nanoTime() - lastBusyNanos;
            if (busy == 0 && quietFor >= QUIET.toNanos()) {
                return shortOf();
            }
            try {
                wait(busy > 0 ? 0 : Math.max(1, (QUIET.toNanos() - quietFor) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void backOff(Path lower, Exception e) {
        long delay;
        synchronized (this) {
            backoffNanos = backoffNanos == 0 ? MIN_BACKOFF.toNanos()
                    : Math.min(MAX_BACKOFF.toNanos(), backoffNanos * 2);
            delay = backoffNanos;
            retryAtNanos = System.nanoTime() + delay;
        }
        LOG.log(Level.WARNING, "cannot make a warm container on " + lower + "; retrying in "
                + delay / 1_000_000_000 + " s", e);
        if (scheduler != null) {
            try {
                scheduler.schedule(this::refill, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // the agent is stopping
            }
        }
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

    /** Waits until every directory has {@code size} ready containers; false when {@code timeout} passed first. */
    synchronized boolean awaitFull(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        refill();
        while (!closed && shortOf() != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return !closed;
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
