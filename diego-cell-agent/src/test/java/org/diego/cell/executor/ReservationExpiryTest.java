package org.diego.cell.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.diego.cell.executor.steps.ManualTime;
import org.diego.cell.executor.steps.StepScheduler;
import org.diego.cell.executor.steps.TestSettings;
import org.diego.cell.garden.BackendException;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerProcess;
import org.diego.cell.garden.ContainerSpec;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.garden.ProcessSpec;
import org.diego.core.model.RunAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diego's reserved_expiration_time: a reservation never run is reaped after the TTL, on a manual clock. */
class ReservationExpiryTest {
    private static final Resources ONE = new Resources(128, 256, 1);
    private static final Resources TOTAL = new Resources(256, 512, 2);
    private static final Duration TTL = Duration.ofSeconds(60);

    @TempDir
    Path root;
    private final ManualTime time = new ManualTime();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final List<Container> completed = new CopyOnWriteArrayList<>();
    private final List<String> created = new CopyOnWriteArrayList<>();
    private CellExecutor executor;

    @BeforeEach
    void wire() {
        ProcessBackend real = new ProcessBackend(root.resolve("containers"), "127.0.0.1", new HostPortAllocator(),
                timers, Duration.ofSeconds(2));
        ContainerBackend recording = new ContainerBackend() {
            public ContainerInfo create(ContainerSpec spec) throws BackendException {
                created.add(spec.handle());
                return real.create(spec);
            }

            public ContainerProcess run(String handle, ProcessSpec spec) throws BackendException {
                return real.run(handle, spec);
            }

            public void stop(String handle, boolean kill) {
                real.stop(handle, kill);
            }

            public void destroy(String handle) {
                real.destroy(handle);
            }

            public InputStream readFile(String handle, String path) throws BackendException {
                return real.readFile(handle, path);
            }

            public List<String> list() {
                return real.list();
            }
        };
        executor = new CellExecutor(recording, TOTAL, time, TestSettings.of(time, io, root.resolve("cache")), TTL);
        executor.onCompletion(completed::add);
    }

    @AfterEach
    void cleanUp() {
        executor.list().forEach(c -> executor.destroy(c.guid()));
        timers.shutdownNow();
        io.shutdownNow();
    }

    @Test
    void aReservationOlderThanTheTtlIsReapedAndItsResourcesFreed() {
        executor.reserve("old", Map.of("lrp", "x"), ONE);
        time.advance(Duration.ofSeconds(20));
        executor.reserve("young", Map.of(), ONE);
        assertEquals(Resources.NONE, executor.remainingResources());

        time.advance(Duration.ofSeconds(39));
        assertEquals(List.of(), executor.expireReservations(), "59 s old: not yet");

        time.advance(Duration.ofSeconds(1));
        List<Container> expired = executor.expireReservations();

        assertEquals(1, expired.size());
        Container old = expired.get(0);
        assertEquals("old", old.guid());
        assertEquals(Map.of("lrp", "x"), old.tags());
        assertEquals(ContainerState.COMPLETED, old.state());
        assertEquals(RunResult.expired(), old.result());
        assertTrue(old.result().failed());
        assertFalse(old.result().stopped(), "nobody asked for it to stop");
        assertEquals("expired container", old.result().failureReason());
        assertEquals(List.of(old), completed, "the completion listeners hear of it, once");
        assertTrue(executor.lookup("old").isEmpty(), "forgotten: the rep finds it gone");
        assertEquals(ONE, executor.remainingResources());
        assertEquals(List.of("young"), executor.list().stream().map(Container::guid).toList());
        assertEquals(List.of(), created, "no backend container was ever made");

        assertEquals(List.of(), executor.expireReservations(), "reaped once");
        assertEquals(1, completed.size());
        assertTrue(executor.reserve("old", Map.of(), ONE).isPresent(), "the slot and the guid are free again");
    }

    @Test
    void aRunContainerOrOneWhoseRunIsUnderWayIsNotReaped() throws Exception {
        executor.reserve("runs", Map.of(), ONE);
        executor.run("runs", sh("exec sleep 3053"));
        awaitState("runs", ContainerState.RUNNING);

        time.advance(TTL.multipliedBy(3));

        assertEquals(List.of(), executor.expireReservations());
        assertEquals(ContainerState.RUNNING, executor.lookup("runs").orElseThrow().state());
        assertEquals(TOTAL.minus(ONE), executor.remainingResources(), "still held");
        assertTrue(completed.isEmpty());
    }

    @Test
    void aStoppedReservationIsLeftToItsOwner() {
        executor.reserve("stopped", Map.of(), ONE);
        executor.stop("stopped");
        completed.clear();

        time.advance(TTL.multipliedBy(2));

        assertEquals(List.of(), executor.expireReservations());
        assertEquals(ContainerState.COMPLETED, executor.lookup("stopped").orElseThrow().state());
        assertTrue(executor.lookup("stopped").orElseThrow().result().stopped(), "still stopped, not expired");
        assertTrue(completed.isEmpty());
    }

    @Test
    void aRunAfterReapingFailsCleanly() {
        executor.reserve("late", Map.of(), ONE);
        time.advance(TTL);
        executor.expireReservations();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> executor.run("late", sh("exec sleep 3059")));
        assertTrue(e.getMessage().contains("late"), e.getMessage());
        assertEquals(List.of(), created, "nothing was created for it");
        assertEquals(TOTAL, executor.remainingResources(), "nothing held twice or released twice");
        assertFalse(executor.stop("late"));
        assertFalse(executor.destroy("late"));
        assertEquals(TOTAL, executor.remainingResources());
        assertEquals(1, completed.size(), "only the expiry was reported");
    }

    @Test
    void thePeriodicCheckRunsEveryHalfTtlUntilCancelled() {
        StepScheduler.Cancellable loop = executor.expireReservationsPeriodically(time);
        assertEquals(1, time.pending());
        executor.reserve("a", Map.of(), ONE);

        time.advance(Duration.ofSeconds(30));
        assertTrue(executor.lookup("a").isPresent(), "30 s old at the first check");
        time.advance(Duration.ofSeconds(30));
        assertTrue(executor.lookup("a").isEmpty(), "60 s old at the second check");
        assertEquals(TOTAL, executor.remainingResources());

        time.advance(Duration.ofSeconds(10));
        executor.reserve("b", Map.of(), ONE);
        time.advance(Duration.ofSeconds(60)); // checks at 90 s (20 s old) and 120 s (50 s old)
        assertTrue(executor.lookup("b").isPresent());
        time.advance(Duration.ofSeconds(30)); // 80 s old at 150 s: within 1.5 TTL
        assertTrue(executor.lookup("b").isEmpty());

        loop.cancel();
        assertEquals(0, time.pending());
        executor.reserve("c", Map.of(), ONE);
        time.advance(TTL.multipliedBy(5));
        assertTrue(executor.lookup("c").isPresent(), "no checks after cancel");
    }

    @Test
    void theTtlMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new CellExecutor(null, TOTAL, time,
                TestSettings.of(time, io, root.resolve("cache2")), Duration.ZERO));
        assertEquals(CellExecutor.DEFAULT_RESERVATION_TTL,
                new CellExecutor(null, TOTAL, time, TestSettings.of(time, io, root.resolve("cache3")))
                        .reservationTtl());
        assertEquals(Duration.ofMinutes(1), CellExecutor.DEFAULT_RESERVATION_TTL);
    }

    private Container awaitState(String guid, ContainerState state) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Container c = executor.lookup(guid).orElseThrow();
            if (c.state() == state) {
                return c;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(guid + " never " + state + ": " + executor.lookup(guid));
    }

    private static RunRequest sh(String script) {
        return new RunRequest(null, List.of(), List.of(),
                new RunAction("/bin/sh", List.of("-c", script), null, List.of(), null));
    }
}
