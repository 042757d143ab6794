package org.diego.ejb.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.CancelTask;
import org.diego.core.messages.TaskAuctionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start requests reach the grid queue only after their transaction commits, in order, one batch per transaction. */
class AuctionRequestsTest {
    private static HazelcastInstance grid;
    private AuctionQueue queue;
    private FakeTransactions tx;
    private AuctionRequests requests;

    private static final AuctionRequest LRP_A = new AuctionRequest("pg-a", "d", List.of(0, 1));
    private static final AuctionRequest LRP_B = new AuctionRequest("pg-b", "d", List.of(3));
    private static final TaskAuctionRequest TASK = new TaskAuctionRequest("t-1", "d", 10, 20, "preloaded:x",
            List.of(), List.of());

    @BeforeAll
    static void startGrid() {
        grid = TestGrid.start("auction-requests-test");
    }

    @AfterAll
    static void stopGrid() {
        grid.shutdown();
    }

    @BeforeEach
    void fresh() {
        grid.getQueue(AuctionQueue.NAME).clear();
        queue = new AuctionQueue(grid);
        tx = new FakeTransactions();
        requests = new AuctionRequests(queue, tx);
    }

    @Test
    void heldUntilCommitThenQueuedInOrder() {
        tx.begin();
        requests.send(LRP_A);
        requests.send(TASK);
        requests.send(LRP_B);
        assertTrue(queue.drain(100).isEmpty(), "nothing leaves before the commit");
        tx.commit();
        assertEquals(List.of(LRP_A, TASK, LRP_B), queue.drain(100));
    }

    @Test
    void rollbackAsksForNothing() {
        tx.begin();
        requests.send(LRP_A);
        tx.rollback();
        assertTrue(queue.drain(100).isEmpty());

        tx.begin();
        tx.setRollbackOnly();
        requests.send(LRP_B);
        assertTrue(queue.drain(100).isEmpty());
    }

    @Test
    void withoutTransactionQueuedAtOnce() {
        requests.send(LRP_A);
        assertEquals(List.of(LRP_A), queue.drain(100));
    }

    @Test
    void eachTransactionIsItsOwnBatch() {
        tx.begin();
        requests.send(LRP_A);
        tx.commit();
        tx.begin();
        requests.send(LRP_B);
        tx.rollback();
        tx.begin();
        requests.send(TASK);
        tx.commit();
        assertEquals(List.of(LRP_A, TASK), queue.drain(100));
    }

    @Test
    void drainIsBoundedAndLeavesTheRest() {
        requests.send(LRP_A);
        requests.send(LRP_B);
        requests.send(TASK);
        assertEquals(List.of(LRP_A, LRP_B), queue.drain(2));
        assertEquals(List.of(TASK), queue.drain(2));
    }

    @Test
    void undecodableEntriesAreDropped() {
        grid.<String>getQueue(AuctionQueue.NAME).add("garbage");
        requests.send(LRP_A);
        assertEquals(List.of(LRP_A), queue.drain(10));
    }

    @Test
    void aFailingGridDoesNotFailTheCommittedWrite() {
        AuctionRequests broken = new AuctionRequests(new AuctionQueue(grid) {
            @Override
            public void offer(List<?> r) {
                throw new IllegalStateException("grid down");
            }
        }, tx);
        tx.begin();
        broken.send(LRP_A);
        tx.commit();
        broken.send(LRP_B);
    }

    @Test
    void onlyStartRequestsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> requests.send(new CancelTask("t")));
    }
}
