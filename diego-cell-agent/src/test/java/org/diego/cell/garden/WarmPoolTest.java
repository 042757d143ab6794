package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's filling, taking, quiet periods, back-off and close, with strings for containers. */
class WarmPoolTest {
    private static final Path BUSYBOX = Path.of("/rootfs/busybox");
    private static final Path OTHER = Path.of("/rootfs/other");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger made = new AtomicInteger();
    private final List<String> built = new CopyOnWriteArrayList<>();
    private final List<String> destroyed = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        setup.shutdownNow();
        timers.shutdownNow();
    }

    private WarmPool<String> pool(int size, WarmPool.Builder<String> builder) {
        return new WarmPool<>(size, List.of(BUSYBOX, OTHER), builder, destroyed::add, setup, timers);
    }

    private String build(Path lower) {
        String id = lower.getFileName() + "-" + made.incrementAndGet();
        built.add(id);
        return id;
    }

    @Test
    void fillsEveryDirectoryAndRefillsWhatIsTaken() throws Exception {
        WarmPool<String> pool = pool(2, this::build);
        pool.refill();
        assertTrue(pool.awaitFull(WAIT));
        assertEquals(2, pool.ready(BUSYBOX));
        assertEquals(2, pool.ready(OTHER));

        String taken = pool.take(BUSYBOX);
        assertTrue(taken.startsWith("busybox-"), taken);
        assertEquals(1, pool.ready(BUSYBOX));
        assertNull(pool.take(Path.of("/rootfs/unknown")), "no pool for a directory not configured");
        assertTrue(pool.awaitFull(WAIT), "refilled after the take");
        assertEquals(5, built.size());
        pool.close();
        assertEquals(4, destroyed.size(), "close destroys what was not taken");
        assertFalse(destroyed.contains(taken));
    }

    @Test
    void sizeZeroKeepsNothing() throws Exception {
        WarmPool<String> pool = pool(0, this::build);
        pool.refill();
        assertTrue(pool.awaitFull(WAIT));
        assertNull(pool.take(BUSYBOX));
        assertEquals(List.of(), built);
    }

    @Test
    void refillsWaitWhileACreateOrStartIsInFlightAndForTheQuietPeriod() throws Exception {
        WarmPool<String> pool = new WarmPool<>(1, List.of(BUSYBOX), this::build, destroyed::add, setup, timers);
        pool.enterBusy();
        pool.refill();
        Thread.sleep(300);
        assertEquals(List.of(), built, "nothing is built while the backend is busy");

        long quietFrom = System.nanoTime();
        pool.exitBusy();
        assertTrue(pool.awaitFull(WAIT));
        assertTrue(System.nanoTime() - quietFrom >= WarmPool.QUIET.toNanos(), "only after the quiet period");
        assertEquals(1, built.size());
        pool.close();
    }

    @Test
    void aFailedBuildBacksOffThenRetries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        WarmPool<String> pool = new WarmPool<>(1, List.of(BUSYBOX), lower -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("no veth today");
            }
            return build(lower);
        }, destroyed::add, setup, timers);
        long started = System.nanoTime();
        pool.refill();
        assertTrue(pool.awaitFull(WAIT));
        assertEquals(2, attempts.get());
        assertTrue(System.nanoTime() - started >= WarmPool.MIN_BACKOFF.toNanos(), "retried after the back-off");
        pool.close();
    }

    @Test
    void closeWaitsForTheContainerBeingBuiltAndDestroysIt() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        WarmPool<String> pool = new WarmPool<>(1, List.of(BUSYBOX), lower -> {
            building.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return build(lower);
        }, destroyed::add, setup, timers);
        pool.refill();
        assertTrue(building.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(pool::close);
        closer.start();
        Thread.sleep(100);
        assertTrue(closer.isAlive(), "close waits for the build in flight");
        finish.countDown();
        closer.join(10_000);
        assertFalse(closer.isAlive());
        assertEquals(built, destroyed, "what was built during close is destroyed");
        assertNotNull(built.get(0));
        assertNull(pool.take(BUSYBOX));
        pool.refill();
        Thread.sleep(200);
        assertEquals(1, built.size(), "a closed pool builds nothing");
    }
}
