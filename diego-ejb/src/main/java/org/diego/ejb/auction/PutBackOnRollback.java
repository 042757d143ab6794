package org.diego.ejb.auction;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.ejb.messaging.AuctionQueue;

/**
 * Returns the requests an auction round took from the grid queue when its transaction does not commit,
 * as a rolled-back JMS receive would: the next round (perhaps on the new role holder) places them.
 */
final class PutBackOnRollback implements Synchronization {
    private static final Logger LOG = Logger.getLogger(PutBackOnRollback.class.getName());

    private final AuctionQueue queue;
    private final List<Object> requests;

    PutBackOnRollback(AuctionQueue queue, List<Object> requests) {
        this.queue = queue;
        this.requests = List.copyOf(requests);
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            return;
        }
        try {
            queue.offer(requests);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not put back " + requests.size() + " auction request(s) of a failed round;"
                    + " convergence will re-auction them", e);
        }
    }
}
