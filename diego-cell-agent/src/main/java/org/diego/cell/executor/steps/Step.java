package org.diego.cell.executor.steps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of one action (Diego's ifrit runner), used once. {@link #perform} starts it and returns its
 * outcome: completed normally on success, exceptionally with a {@link StepError} on failure.
 * {@link #ready} completes when the step counts as started (a run step once its process exists, a health
 * check once the startup check passed), which is when a container becomes RUNNING. {@link #cancel} asks
 * it to stop (Diego's os.Interrupt); it then ends soon, usually with a cancellation error.
 *
 * <p>Steps never wait: transfers and probes run on an executor, delays are scheduler tasks; only a run
 * step starts its process on the performing thread.
 */
public abstract class Step {
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public final CompletableFuture<Void> perform() {
        if (started.compareAndSet(false, true)) {
            if (cancelled.get()) {
                fail(StepError.cancelled());
            } else {
                try {
                    start();
                } catch (RuntimeException e) {
                    fail(StepError.of(e));
                }
            }
        }
        return outcome;
    }

    public final CompletableFuture<Void> ready() {
        return ready;
    }

    /** Idempotent; a step cancelled before {@link #perform} ends as cancelled without starting. */
    public final void cancel() {
        if (cancelled.compareAndSet(false, true) && started.get() && !outcome.isDone()) {
            onCancel();
        }
    }

    /** Begins the work; called once, not under any lock. */
    protected abstract void start();

    /** Stops the work begun by {@link #start}; may run concurrently with it. */
    protected abstract void onCancel();

    protected final boolean isCancelled() {
        return cancelled.get();
    }

    protected final boolean isDone() {
        return outcome.isDone();
    }

    protected final void markReady() {
        ready.complete(null);
    }

    protected final void succeed() {
        outcome.complete(null);
    }

    protected final void fail(StepError error) {
        outcome.completeExceptionally(error);
    }

    /** Ends with what another step's outcome future completed with (null: success). */
    protected final void finish(Throwable error) {
        if (error == null) {
            succeed();
        } else {
            fail(StepError.of(error));
        }
    }

    /** The error a finished outcome carries, or null for success (for composite steps). */
    static StepError errorOf(Throwable t) {
        return t == null ? null : StepError.of(t);
    }

    /** The error an ended outcome future holds, or null when it succeeded. */
    static StepError failureOf(CompletableFuture<Void> ended) {
        if (!ended.isCompletedExceptionally()) {
            return null;
        }
        try {
            ended.join();
            return null;
        } catch (RuntimeException e) {
            return StepError.of(e);
        }
    }
}
