package org.diego.ejb.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Status;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.messages.AuctionRequest;
import org.diego.ejb.messaging.AuctionQueue;
import org.junit.jupiter.api.Test;

/** A round that does not commit returns what it drained; a committed one keeps it. */
class PutBackOnRollbackTest {
    private final List<Object> offered = new ArrayList<>();
    private final AuctionQueue queue = new AuctionQueue() {
        @Override
        public void offer(List<?> requests) {
            offered.addAll(requests);
        }
    };
    private final List<Object> drained = List.of(new AuctionRequest("pg", "d", List.of(0)));

    @Test
    void committedRoundKeepsItsRequests() {
        new PutBackOnRollback(queue, drained).afterCompletion(Status.STATUS_COMMITTED);
        assertTrue(offered.isEmpty());
    }

    @Test
    void rolledBackRoundPutsThemBack() {
        new PutBackOnRollback(queue, drained).afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(drained, offered);
    }

    @Test
    void aGridFailureIsOnlyLogged() {
        new PutBackOnRollback(new AuctionQueue() {
            @Override
            public void offer(List<?> requests) {
                throw new IllegalStateException("grid down");
            }
        }, drained).afterCompletion(Status.STATUS_UNKNOWN);
    }
}
