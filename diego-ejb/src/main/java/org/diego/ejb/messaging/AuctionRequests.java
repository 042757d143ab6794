package org.diego.ejb.messaging;

import jakarta.annotation.Resource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.messages.AuctionRequestCodec;

/**
 * Asks the auctioneer for cells as Diego's BBS does: after the write that created the need has
 * committed, outside any XA transaction, and without failing the write when the request cannot be
 * queued (logged; convergence re-auctions stale UNCLAIMED instances and pending tasks). The requests
 * of one transaction go to the {@link AuctionQueue} together once it commits; a rolled-back
 * transaction asks for nothing. Without a transaction a request is queued at once.
 * <p>
 * Committed requests are handed to a background thread that adds everything waiting in one grid call,
 * so neither the request thread nor the commit waits for the grid's round trip (with its backup, the
 * largest wait of a desire under load) and concurrent commits share one call.
 */
@ApplicationScoped
public class AuctionRequests {
    private static final Logger LOG = Logger.getLogger(AuctionRequests.class.getName());
    private static final Object PENDING = AuctionRequests.class.getName() + ".pending";

    @Inject
    AuctionQueue queue;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Resource
    ManagedThreadFactory threads;

    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** One thread made once (a managed executor would capture the caller's context on every hand-over). */
    private ExecutorService background;

    public AuctionRequests() {
    }

    /** For tests: committed requests are queued on the calling thread. */
    AuctionRequests(AuctionQueue queue, TransactionSynchronizationRegistry transactions) {
        this.queue = queue;
        this.transactions = transactions;
    }

    @PostConstruct
    void start() {
        background = threads != null ? Executors.newSingleThreadExecutor(threads) : null;
    }

    @PreDestroy
    void stop() {
        if (background != null) {
            background.shutdown();
        }
    }

    /** Queues an {@code AuctionRequest} or {@code TaskAuctionRequest} for after the current transaction commits. */
    public void send(Object request) {
        AuctionRequestCodec.typeOf(request);
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            offer(List.of(request));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> pending = (List<Object>) transactions.getResource(PENDING);
        if (pending == null) {
            List<Object> batch = new ArrayList<>();
            transactions.putResource(PENDING, batch);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int outcome) {
                    if (outcome == Status.STATUS_COMMITTED) {
                        outbox.addAll(batch);
                        scheduleFlush();
                    }
                }
            });
            pending = batch;
        }
        pending.add(request);
    }

    private void scheduleFlush() {
        if (!flushing.compareAndSet(false, true)) {
            return; // the running flush takes these too, or reschedules itself when it sees them
        }
        Executor worker = background != null ? background : Runnable::run;
        try {
            worker.execute(this::flush);
        } catch (RuntimeException refused) {
            flush(); // e.g. while the application stops
        }
    }

    private void flush() {
        try {
            List<Object> waiting = new ArrayList<>();
            for (Object r = outbox.poll(); r != null; r = outbox.poll()) {
                waiting.add(r);
            }
            offer(waiting);
        } finally {
            flushing.set(false);
            if (!outbox.isEmpty()) {
                scheduleFlush();
            }
        }
    }

    private void offer(List<Object> requests) {
        try {
            queue.offer(requests);
        } catch (RuntimeException e) {
            // The write is committed; as in Diego a failed auctioneer call is only logged.
            LOG.log(Level.WARNING, "could not queue " + requests.size() + " auction request(s); convergence will"
                    + " re-auction them", e);
        }
    }
}
