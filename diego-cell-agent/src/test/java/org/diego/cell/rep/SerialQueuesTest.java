package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialQueuesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsOneKeyInOrderEvenWhenAnOperationFails() throws Exception {
        SerialQueues queues = new SerialQueues(pool);
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);

        queues.submit("a", "first", () -> {
            await(release);
            order.add(1);
            throw new IllegalStateException("logged, not propagated");
        });
        CompletableFuture<Void> last = queues.submit("a", "second", () -> order.add(2));
        release.countDown();
        last.get(5, TimeUnit.SECONDS);

        assertEquals(List.of(1, 2), order);
        awaitIdle(queues);
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        SerialQueues queues = new SerialQueues(pool);
        CountDownLatch blockA = new CountDownLatch(1);
        queues.submit("a", "blocked", () -> await(blockA));

        queues.submit("b", "free", () -> { }).get(5, TimeUnit.SECONDS);

        blockA.countDown();
        awaitIdle(queues);
    }

    private static void awaitIdle(SerialQueues queues) throws InterruptedException {
        for (int i = 0; i < 500 && !queues.idle(); i++) {
            Thread.sleep(10);
        }
        assertTrue(queues.idle());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
