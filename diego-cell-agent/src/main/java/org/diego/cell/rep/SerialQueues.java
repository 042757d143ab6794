package org.diego.cell.rep;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs operations one at a time per key and concurrently across keys, like the rep's operation queue
 * (one operation in flight per container). Without it a crash could reach the BBS before the start of
 * the same instance and leave a RUNNING row with no process behind it.
 */
final class SerialQueues {
    private static final Logger LOG = Logger.getLogger(SerialQueues.class.getName());
    private final Executor workers;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>(); // guarded by this

    SerialQueues(Executor workers) {
        this.workers = workers;
    }

    /** Queues {@code op} behind every earlier operation on {@code key}; an operation that throws is logged. */
    synchronized CompletableFuture<Void> submit(String key, String what, Runnable op) {
        CompletableFuture<Void> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
        // exceptionally(): a rejected earlier operation must not swallow the ones behind it.
        CompletableFuture<Void> next = previous.exceptionally(e -> null).thenRunAsync(() -> {
            try {
                op.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, what + " failed", e);
            }
        }, workers);
        tails.put(key, next);
        next.whenComplete((v, e) -> forget(key, next));
        return next;
    }

    /** True when no operation is queued or running. */
    synchronized boolean idle() {
        return tails.isEmpty();
    }

    private synchronized void forget(String key, CompletableFuture<Void> done) {
        tails.remove(key, done);
    }
}
