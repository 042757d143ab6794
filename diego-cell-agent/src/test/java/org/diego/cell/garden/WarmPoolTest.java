package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pool's filling, taking, quiet periods, back-off and close, with strings for containers. Builds run
 * on the calling thread and time is the test's: nothing sleeps.
 */
class WarmPoolTest {
    private static final Path BUSYBOX = Path.of("/rootfs/busybox");
    private static final Path OTHER = Path.of("/rootfs/other");

    private long now = 1_000_000_000L;
    /** Wake-ups the pool asked for: due time and task. */
    private final List<Object[]> wakeUps = new ArrayList<>();
    private final AtomicInteger made = new AtomicInteger();
    private final List<String> built = new ArrayList<>();
    private final List<String> destroyed = new ArrayList<>();

    private WarmPool<Path, String> pool(int size, List<Path> lowers, WarmPool.Builder<Path, String> builder) {
        return new WarmPool<>(size, lowers, builder, destroyed::add, Runnable::run,
                (delay, task) -> wakeUps.add(new Object[] {now + delay.toNanos(), task}), () -> now);
    }

    private String build(Path lower) {
        String id = lower.getFileName() + "-" + made.incrementAndGet();
        built.add(id);
        return id;
    }

    /** Moves the clock and runs the wake-ups that fall due, in order. */
    private void advance(Duration by) {
        now += by.toNanos();
        List<Object[]> due = new ArrayList<>(wakeUps.stream().filter(w -> (long) w[0] <= now).toList());
        wakeUps.removeAll(due);
        due.forEach(w -> ((Runnable) w[1]).run());
    }

    @Test
    void fillsEveryDirectoryAndRefillsWhatIsTaken() {
        WarmPool<Path, String> pool = pool(2, List.of(BUSYBOX, OTHER), this::build);
        pool.refill();
        assertEquals(2, pool.ready(BUSYBOX));
        assertEquals(2, pool.ready(OTHER));

        pool.enterBusy();
        String taken = pool.take(BUSYBOX);
        assertTrue(taken.startsWith("busybox-"), taken);
        assertEquals(1, pool.ready(BUSYBOX));
        assertNull(pool.take(Path.of("/rootfs/unknown")), "no pool for a directory not configured");
        pool.exitBusy();
        assertEquals(1, pool.ready(BUSYBOX), "not refilled within the quiet period");
        advance(WarmPool.QUIET);
        assertEquals(2, pool.ready(BUSYBOX), "refilled after the quiet period");
        assertEquals(5, built.size());
        pool.close();
        assertEquals(4, destroyed.size(), "close destroys what was not taken");
        assertFalse(destroyed.contains(taken));
    }

    @Test
    void sizeZeroKeepsNothing() {
        WarmPool<Path, String> pool = pool(0, List.of(BUSYBOX), this::build);
        pool.refill();
        assertNull(pool.take(BUSYBOX));
        assertEquals(List.of(), built);
    }

    @Test
    void refillsWaitWhileACreateOrStartIsInFlightAndForTheQuietPeriod() {
        WarmPool<Path, String> pool = pool(1, List.of(BUSYBOX), this::build);
        pool.enterBusy();
        pool.refill();
        advance(Duration.ofSeconds(5));
        assertEquals(List.of(), built, "nothing is built while the backend is busy");

        pool.exitBusy();
        advance(WarmPool.QUIET.minusMillis(1));
        assertEquals(List.of(), built, "nor within the quiet period after it");
        pool.enterBusy();
        pool.exitBusy(); // another start: the quiet period begins again
        advance(Duration.ofMillis(1));
        assertEquals(List.of(), built);
        advance(WarmPool.QUIET);
        assertEquals(1, built.size(), "built once the backend has been quiet");
        pool.close();
    }

    @Test
    void aFailedBuildBacksOffDoublingThenRetries() {
        AtomicInteger attempts = new AtomicInteger();
        WarmPool<Path, String> pool = pool(1, List.of(BUSYBOX), lower -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IOException("no veth today");
            }
            return build(lower);
        });
        pool.refill();
        assertEquals(1, attempts.get());
        advance(WarmPool.MIN_BACKOFF.minusMillis(1));
        assertEquals(1, attempts.get(), "not before the back-off");
        advance(Duration.ofMillis(1));
        assertEquals(2, attempts.get(), "retried after the back-off");
        advance(WarmPool.MIN_BACKOFF);
        assertEquals(2, attempts.get(), "the second back-off is twice as long");
        advance(WarmPool.MIN_BACKOFF);
        assertEquals(3, attempts.get());
        assertEquals(1, pool.ready(BUSYBOX));
        pool.close();
    }

    @Test
    void wantingAnotherKindDestroysTheReplacedOnesAndBuildsTheNewKind() {
        WarmPool<Path, String> pool = pool(2, List.of(BUSYBOX), this::build);
        pool.refill();
        assertEquals(List.of("busybox-1", "busybox-2"), built);

        pool.want(OTHER, BUSYBOX);
        assertEquals(List.of("busybox-1", "busybox-2"), destroyed, "the replaced kind's containers go");
        assertNull(pool.take(BUSYBOX), "the replaced kind is no longer kept");
        assertEquals(2, pool.ready(OTHER), "the new kind is built (the backend was quiet)");

        pool.want(BUSYBOX, Path.of("/rootfs/never-kept"));
        pool.want(OTHER, OTHER);
        assertEquals(2, pool.ready(OTHER), "replacing a kind not kept, or by itself, changes nothing");
        assertEquals(0, pool.ready(BUSYBOX));
        pool.close();
    }

    @Test
    void aContainerBuiltForAKindReplacedMeanwhileIsDestroyed() {
        WarmPool<Path, String>[] holder = new WarmPool[1];
        holder[0] = pool(1, List.of(BUSYBOX), lower -> {
            String id = build(lower);
            if (lower.equals(BUSYBOX)) {
                holder[0].want(OTHER, BUSYBOX); // a create asked for another kind while this one was built
            }
            return id;
        });
        holder[0].refill();
        assertEquals(List.of("busybox-1"), destroyed, "built for a kind no longer kept");
        assertEquals(0, holder[0].ready(BUSYBOX));
        assertEquals(1, holder[0].ready(OTHER), "the new kind is built once the builder is free");
        holder[0].close();
    }

    /** Kinds "dir:disk" in slots "dir", as the runc backend keys containers by rootfs directory and disk limit. */
    @Test
    void twoTakesInARowOfAKindItsSlotDoesNotKeepSwitchTheSlotToIt() {
        List<String> made = new ArrayList<>();
        WarmPool<String, String> pool = new WarmPool<>(1, List.of("bb:1024"), k -> k.split(":")[0], k -> {
            made.add(k);
            return k + "#" + made.size();
        }, destroyed::add, Runnable::run, (delay, task) -> wakeUps.add(new Object[] {now + delay.toNanos(), task}),
                () -> now);
        pool.refill();
        assertEquals("bb:1024#1", pool.take("bb:1024"));

        assertNull(pool.take("bb:4096"), "a lone staging-sized create is served cold...");
        assertNull(pool.take("bb:1024"), "(the pool is being refilled)");
        pool.refill();
        assertNull(pool.take("bb:4096"), "...and, with a hit between, does not switch the slot");
        assertEquals(List.of("bb:1024", "bb:1024"), made);

        assertNull(pool.take("bb:16"));
        assertEquals(List.of("bb:1024", "bb:1024"), made, "one miss of a kind leaves the slot as it is");
        assertNull(pool.take("bb:16"), "the second in a row is still served cold");
        assertEquals(List.of("bb:1024#2"), destroyed, "the replaced kind's ready container goes");
        assertEquals(List.of("bb:1024", "bb:1024", "bb:16"), made, "and the slot's new kind is built");
        assertEquals("bb:16#3", pool.take("bb:16"));
        assertNull(pool.take("other:16"), "a slot the pool does not keep stays without containers");
        pool.close();
    }

    @Test
    void aClosedPoolBuildsNothing() {
        WarmPool<Path, String> pool = pool(1, List.of(BUSYBOX), this::build);
        pool.close();
        pool.refill();
        advance(Duration.ofMinutes(1));
        assertEquals(List.of(), built);
        assertNull(pool.take(BUSYBOX));
    }

    /** The one test with a real thread: close must wait for the build in flight, then destroy it. */
    @Test
    void closeWaitsForTheContainerBeingBuiltAndDestroysIt() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService setup = Executors.newSingleThreadExecutor();
        List<String> gone = new java.util.concurrent.CopyOnWriteArrayList<>();
        WarmPool<Path, String> pool = new WarmPool<>(1, List.of(BUSYBOX), lower -> {
            building.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return "in-flight";
        }, gone::add, setup, (delay, task) -> { }, () -> now);
        try {
            pool.refill();
            assertTrue(building.await(10, TimeUnit.SECONDS));
            CountDownLatch closed = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                pool.close();
                closed.countDown();
            });
            closer.start();
            assertFalse(closed.await(100, TimeUnit.MILLISECONDS), "close waits for the build in flight");
            finish.countDown();
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("in-flight"), gone, "what was built during close is destroyed");
            assertNull(pool.take(BUSYBOX));
        } finally {
            setup.shutdownNow();
        }
    }
}
