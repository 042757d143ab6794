package org.diego.ejb.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.messages.AuctionRequestCodec;

/**
 * Asks the auctioneer for cells as Diego's BBS does: after the write that created the need has
 * committed, outside any XA transaction, and without failing the write when the request cannot be
 * queued (logged; convergence re-auctions stale UNCLAIMED instances and pending tasks). The requests
 * of one transaction go to the {@link AuctionQueue} together once it commits; a rolled-back
 * transaction asks for nothing. Without a transaction a request is queued at once.
 */
@ApplicationScoped
public class AuctionRequests {
    private static final Logger LOG = Logger.getLogger(AuctionRequests.class.getName());
    private static final Object PENDING = AuctionRequests.class.getName() + ".pending";

    @Inject
    AuctionQueue queue;
    @Resource
    TransactionSynchronizationRegistry transactions;

    public AuctionRequests() {
    }

    /** For tests. */
    AuctionRequests(AuctionQueue queue, TransactionSynchronizationRegistry transactions) {
        this.queue = queue;
        this.transactions = transactions;
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
                        offer(batch);
                    }
                }
            });
            pending = batch;
        }
        pending.add(request);
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
