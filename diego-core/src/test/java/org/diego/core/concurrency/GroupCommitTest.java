package org.diego.core.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** Every call the writer saw: "all:[a, b]" or "one:a". */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstWriteEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLoneCallerWritesAloneAtOnce() {
        GroupCommit<String, String> group = new GroupCommit<>(8, writer(items -> Optional.of(upper(items))));
        assertEquals("A", group.submit("a"));
        assertEquals(List.of("one:a"), calls);
    }

    @Test
    void callersArrivingDuringAWriteShareTheNextOne() throws Exception {
        GroupCommit<String, String> group = new GroupCommit<>(8, blockingFirst(items -> Optional.of(upper(items))));
        Future<String> first = pool.submit(() -> group.submit("a"));
        List<Future<String>> others = queueBehindFirst(group, "b", "c", "d");

        assertEquals("A", first.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("B", "C", "D"), results(others));
        assertEquals(2, calls.size(), calls.toString());
        assertEquals("one:a", calls.get(0));
        assertTrue(calls.get(1).startsWith("all:") && calls.get(1).length() == "all:[b, c, d]".length(), calls.get(1));
    }

    @Test
    void aGroupIsNoLargerThanItsLimit() throws Exception {
        GroupCommit<String, String> group = new GroupCommit<>(2, blockingFirst(items -> Optional.of(upper(items))));
        Future<String> first = pool.submit(() -> group.submit("a"));
        List<Future<String>> others = queueBehindFirst(group, "b", "c", "d", "e", "f");

        first.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("B", "C", "D", "E", "F"), results(others));
        assertTrue(calls.stream().skip(1).allMatch(c -> c.startsWith("one:") || c.split(",").length <= 2), calls.toString());
    }

    @Test
    void aGroupThatMustBeSplitAnswersEachItemOnItsOwn() throws Exception {
        // The group write refuses (a taken key somewhere in it): each item is then written alone.
        GroupCommit<String, String> group = new GroupCommit<>(8, blockingFirst(items -> Optional.empty()));
        Future<String> first = pool.submit(() -> group.submit("a"));
        List<Future<String>> others = queueBehindFirst(group, "b", "taken", "c");

        first.get(5, TimeUnit.SECONDS);
        assertEquals("B", others.get(0).get(5, TimeUnit.SECONDS));
        Exception refused = assertThrows(Exception.class, () -> others.get(1).get(5, TimeUnit.SECONDS));
        assertEquals("taken is taken", refused.getCause().getMessage());
        assertEquals("C", others.get(2).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aGroupWriteThatFailsIsRetriedItemByItem() throws Exception {
        GroupCommit<String, String> group = new GroupCommit<>(8, blockingFirst(items -> {
            throw new IllegalStateException("database went away mid-group");
        }));
        Future<String> first = pool.submit(() -> group.submit("a"));
        List<Future<String>> others = queueBehindFirst(group, "b", "c");

        first.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("B", "C"), results(others));
    }

    @Test
    void aGroupWriteWithTheWrongNumberOfResultsFailsEveryItemRatherThanWriteThemAgain() throws Exception {
        GroupCommit<String, String> group = new GroupCommit<>(8, blockingFirst(items -> Optional.of(List.of("?"))));
        Future<String> first = pool.submit(() -> group.submit("a"));
        List<Future<String>> others = queueBehindFirst(group, "b", "c");

        first.get(5, TimeUnit.SECONDS);
        for (Future<String> f : others) {
            Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("1 results for 2 items"), e.getCause().getMessage());
        }
        assertEquals(0, calls.stream().filter(c -> c.equals("one:b") || c.equals("one:c")).count());
    }

    @Test
    void aSingleItemsFailureIsThrownToItsCaller() {
        GroupCommit<String, String> group = new GroupCommit<>(8, writer(items -> Optional.of(upper(items))));
        IllegalArgumentException e = new IllegalArgumentException("no");
        GroupCommit<String, String> failing = new GroupCommit<>(8, new GroupCommit.Writer<>() {
            @Override
            public Optional<List<String>> writeAll(List<String> items) {
                return Optional.empty();
            }

            @Override
            public String writeOne(String item) {
                throw e;
            }
        });
        assertSame(e, assertThrows(IllegalArgumentException.class, () -> failing.submit("x")));
        assertEquals("Y", group.submit("y"));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GroupCommit<>(0, writer(items -> Optional.empty())));
    }

    private GroupCommit.Writer<String, String> writer(Function<List<String>, Optional<List<String>>> all) {
        return new GroupCommit.Writer<>() {
            @Override
            public Optional<List<String>> writeAll(List<String> items) {
                calls.add("all:" + items);
                return all.apply(items);
            }

            @Override
            public String writeOne(String item) {
                calls.add("one:" + item);
                if (item.equals("taken")) {
                    throw new IllegalStateException("taken is taken");
                }
                return item.toUpperCase();
            }
        };
    }

    /** A writer whose first write (of "a", alone) waits until the test has queued the others. */
    private GroupCommit.Writer<String, String> blockingFirst(Function<List<String>, Optional<List<String>>> all) {
        GroupCommit.Writer<String, String> inner = writer(all);
        return new GroupCommit.Writer<>() {
            @Override
            public Optional<List<String>> writeAll(List<String> items) {
                return inner.writeAll(items);
            }

            @Override
            public String writeOne(String item) {
                if (item.equals("a")) {
                    firstWriteEntered.countDown();
                    await(releaseFirstWrite);
                }
                return inner.writeOne(item);
            }
        };
    }

    /** Once "a" is being written, submits the items and lets "a" finish when all of them wait in the queue. */
    private List<Future<String>> queueBehindFirst(GroupCommit<String, String> group, String... items) throws Exception {
        firstWriteEntered.await();
        List<Future<String>> out = new ArrayList<>();
        for (String item : items) {
            out.add(pool.submit(() -> group.submit(item)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (group.queued() < items.length) {
            assertTrue(System.nanoTime() < deadline, "callers never queued");
            Thread.onSpinWait();
        }
        releaseFirstWrite.countDown();
        return out;
    }

    private static List<String> results(List<Future<String>> futures) throws Exception {
        List<String> out = new ArrayList<>();
        for (Future<String> f : futures) {
            out.add(f.get(5, TimeUnit.SECONDS));
        }
        return out;
    }

    private static List<String> upper(List<String> items) {
        return items.stream().map(String::toUpperCase).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
