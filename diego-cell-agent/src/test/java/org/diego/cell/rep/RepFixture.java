package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;

/**
 * A rep as the agent wires it, against a fake BBS, real /bin/sh containers and a {@link ManualScheduler}
 * for the sync and evacuation timers. Operations run on real worker threads: wait with {@link #awaitIdle}.
 */
final class RepFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Resources CAPACITY = new Resources(1024, 2048, 8);
    static final String CELL = "cell-1";
    static final String ZONE = "z1";
    static final Duration SYNC = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    final FakeBbsClient bbs = new FakeBbsClient();
    final ManualScheduler scheduler = new ManualScheduler();
    final EvacuationContext evacuation = new EvacuationContext();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService workers = Executors.newCachedThreadPool();
    final AtomicInteger guidCount = new AtomicInteger();
    final CellExecutor executor;
    final Path containers;
    LrpProcessor lrps;
    TaskProcessor tasks;
    EvacuationProcessor evacuator;
    BulkSync sync;

    RepFixture(Path workDir) {
        containers = workDir.resolve("containers");
        ProcessBackend backend = new ProcessBackend(containers, "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        executor = new CellExecutor(backend, CAPACITY, scheduler.clock());
        rewire();
    }

    /** New processors on the same executor, as a restarted rep would be (their predecessors fall silent). */
    void rewire() {
        if (lrps != null) {
            lrps.shutdown();
            tasks.shutdown();
        }
        lrps = new LrpProcessor(CELL, executor, bbs, () -> "guid-" + guidCount.incrementAndGet(), workers, 1,
                Duration.ZERO, Duration.ofMillis(100));
        tasks = new TaskProcessor(CELL, executor, bbs, workers, 1, Duration.ZERO, Duration.ofMillis(100));
        evacuator = new EvacuationProcessor(CELL, ZONE, executor, bbs, evacuation, 1, Duration.ZERO);
        lrps.evacuateWith(evacuator);
        tasks.refuseWorkWhile(evacuation::evacuating);
        sync = new BulkSync(CELL, executor, bbs, bbs, lrps, tasks, evacuator, scheduler.clock());
    }

    void awaitIdle() throws InterruptedException {
        awaitTrue(() -> lrps.idle() && tasks.idle(), "the rep finished its operations");
    }

    /** Syncs once and waits for the operations the pass queued. */
    void syncAndWait() throws InterruptedException {
        sync.syncOnce();
        awaitIdle();
    }

    Container awaitState(String guid, ContainerState state) throws InterruptedException {
        awaitTrue(() -> executor.lookup(guid).map(c -> c.state() == state).orElse(false),
                "container " + guid + " is " + state);
        return executor.lookup(guid).orElseThrow();
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        lrps.shutdown();
        tasks.shutdown();
        sync.stop();
        executor.list().forEach(c -> executor.destroy(c.guid()));
        workers.shutdownNow();
        timers.shutdownNow();
    }
}
