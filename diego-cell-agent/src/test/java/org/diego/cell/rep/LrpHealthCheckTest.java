package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.steps.ManualTime;
import org.diego.cell.executor.steps.TestSettings;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.LrpWork.LrpStart;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.Check;
import org.diego.core.model.CheckDefinition;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.RunningInfo;
import org.diego.core.model.TcpCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rep reports start only once an instance is healthy, with its readiness, and a crash when it never is;
 * the bulk sync and evacuation report the container's routable flag, and a container whose startup check
 * has not passed is not running yet for evacuation.
 */
class LrpHealthCheckTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path workDir;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final FakeBbsClient bbs = new FakeBbsClient();
    private final ManualTime time = new ManualTime();
    private final EvacuationContext evacuation = new EvacuationContext();
    private CellExecutor executor;
    private LrpProcessor processor;

    @BeforeEach
    void wire() {
        ProcessBackend backend = new ProcessBackend(workDir.resolve("containers"), "127.0.0.1", new HostPortAllocator(),
                timers, Duration.ofSeconds(2));
        executor = new CellExecutor(backend, new Resources(1024, 1024, 4), time,
                TestSettings.of(time, Runnable::run, workDir.resolve("cache")));
        processor = new LrpProcessor("cell-1", executor, bbs, () -> "guid-1", workers, 3, Duration.ZERO,
                Duration.ofMillis(100));
    }

    @AfterEach
    void cleanUp() {
        processor.shutdown();
        executor.list().forEach(c -> executor.destroy(c.guid()));
        workers.shutdownNow();
        timers.shutdownNow();
    }

    private static LrpStart withChecks(CheckDefinition checks, long startTimeoutMs) {
        LrpStart plain = Lrps.start("pg-1", 0, 64, List.of(), "exec sleep 30");
        return new LrpStart(plain.actualLrpKey(), plain.desiredLrp().toBuilder().checkDefinition(checks)
                .startTimeoutMs(startTimeoutMs).build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anInstanceThatNeverGetsHealthyIsNeverStartedAndCrashes() throws Exception {
        int port = freePort();
        processor.work(Lrps.work(withChecks(new CheckDefinition(List.of(new Check(new TcpCheck(port, 0, 0), null)),
                null, List.of()), 4_000)));
        bbs.await(ClaimActualLrpRequest.class, WAIT);
        time.awaitPending(2); // the start timeout and the second probe: the first has run

        time.advance(Duration.ofSeconds(4));

        CrashActualLrpRequest crash = bbs.await(CrashActualLrpRequest.class, WAIT);
        assertEquals(List.of(ClaimActualLrpRequest.class, CrashActualLrpRequest.class), bbs.callTypes(),
                "no start for an instance that never became healthy");
        assertTrue(crash.errorMessage().startsWith("Instance never healthy after 4s: Timed out after 4s (2 attempts)"),
                crash.errorMessage());
    }

    /** The sync, evacuation and task processing the agent wires around the processor. */
    private BulkSync syncAndEvacuation() {
        EvacuationProcessor evacuator = new EvacuationProcessor("cell-1", "z1", executor, bbs, evacuation, 1,
                Duration.ZERO);
        processor.evacuateWith(evacuator);
        TaskProcessor tasks = new TaskProcessor("cell-1", executor, bbs, workers, 1, Duration.ZERO, Duration.ZERO);
        return new BulkSync("cell-1", executor, bbs, bbs, processor, tasks, evacuator, time);
    }

    private void syncAndWait(BulkSync sync) throws InterruptedException {
        assertTrue(sync.syncOnce());
        RepFixture.awaitTrue(processor::idle, "the sync's operations ran");
    }

    private static ActualLrp row(StartActualLrpRequest start, boolean routable) {
        return ActualLrp.running(start.actualLrpKey(), start.actualLrpInstanceKey(),
                new RunningInfo(start.actualLrpNetInfo(), List.of(), Map.of(), routable, ""), 1, "e");
    }

    @Test
    void theSyncReportsAStartAgainWhenTheBbsHasAnotherRoutableFlag() throws Exception {
        BulkSync sync = syncAndEvacuation();
        processor.work(Lrps.work(withChecks(new CheckDefinition(List.of(), null,
                List.of(new Check(new TcpCheck(freePort(), 0, 1000), null))), 0)));
        StartActualLrpRequest first = bbs.await(StartActualLrpRequest.class, WAIT);
        assertEquals(Boolean.FALSE, first.routable());
        RepFixture.awaitTrue(processor::idle, "the start was reported");

        bbs.rows = List.of(row(first, false));
        syncAndWait(sync);
        assertEquals(1, bbs.callsOf(StartActualLrpRequest.class).size(), "the BBS has it as it is: no call");

        bbs.rows = List.of(row(first, true));
        syncAndWait(sync);
        List<StartActualLrpRequest> starts = bbs.callsOf(StartActualLrpRequest.class);
        assertEquals(2, starts.size());
        assertEquals(Boolean.FALSE, starts.get(1).routable(), "the container's flag, not routable by default");
    }

    @Test
    void anInstanceWhoseStartupCheckHasNotPassedIsEvacuatedAsClaimed() throws Exception {
        BulkSync sync = syncAndEvacuation();
        processor.work(Lrps.work(withChecks(new CheckDefinition(List.of(new Check(new TcpCheck(freePort(), 0, 0),
                null)), null, List.of()), 0)));
        bbs.await(ClaimActualLrpRequest.class, WAIT);
        RepFixture.awaitTrue(() -> executor.lookup("guid-1").map(c -> c.info() != null).orElse(false),
                "the container exists and its action runs");
        assertEquals(ContainerState.CREATED, executor.lookup("guid-1").orElseThrow().state());

        evacuation.evacuate();
        syncAndWait(sync);

        assertEquals(List.of(new EvacuateClaimedActualLrpRequest(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN),
                new InstanceKey("guid-1", "cell-1"))), bbs.callsOf(EvacuateClaimedActualLrpRequest.class));
        assertTrue(executor.lookup("guid-1").isEmpty(), "destroyed: it never ran as far as the BBS knows");
        assertFalse(bbs.callTypes().contains(StartActualLrpRequest.class));
    }

    @Test
    void whileEvacuatingReadinessChangesAreEvacuationReportsWithTheRoutableFlag() throws Exception {
        BulkSync sync = syncAndEvacuation();
        int port = freePort();
        processor.work(Lrps.work(withChecks(new CheckDefinition(List.of(), null,
                List.of(new Check(new TcpCheck(port, 0, 1000), null))), 0)));
        bbs.await(StartActualLrpRequest.class, WAIT);
        RepFixture.awaitTrue(processor::idle, "the start was reported");
        bbs.evacuations = r -> new EvacuationResponse(null, true); // its replacement is not running yet

        evacuation.evacuate();
        syncAndWait(sync);
        EvacuateRunningActualLrpRequest notReady = bbs.await(EvacuateRunningActualLrpRequest.class, WAIT);
        assertEquals(Boolean.FALSE, notReady.routable());

        time.awaitPending();
        try (ServerSocket app = new ServerSocket()) {
            app.setReuseAddress(true);
            app.bind(new InetSocketAddress("127.0.0.1", port));
            time.advance(Duration.ofSeconds(2));
            RepFixture.awaitTrue(() -> bbs.callsOf(EvacuateRunningActualLrpRequest.class).size() == 2,
                    "the readiness change was reported");
        }
        RepFixture.awaitTrue(processor::idle, "the report finished");
        assertEquals(Boolean.TRUE, bbs.callsOf(EvacuateRunningActualLrpRequest.class).get(1).routable());
        assertEquals(1, bbs.callsOf(StartActualLrpRequest.class).size(), "no start while evacuating");
        assertEquals(ContainerState.RUNNING, executor.lookup("guid-1").orElseThrow().state(), "kept");
    }

    @Test
    void readinessIsReportedWithEveryStart() throws Exception {
        int port = freePort();
        processor.work(Lrps.work(withChecks(new CheckDefinition(List.of(), null,
                List.of(new Check(new TcpCheck(port, 0, 1000), null))), 0)));

        StartActualLrpRequest first = bbs.await(StartActualLrpRequest.class, WAIT);
        assertEquals(Boolean.FALSE, first.routable(), "running, but not ready yet");
        time.awaitPending();
        try (ServerSocket app = new ServerSocket()) {
            app.setReuseAddress(true);
            app.bind(new InetSocketAddress("127.0.0.1", port));
            time.advance(Duration.ofSeconds(2));
            for (int i = 0; i < 500 && bbs.callsOf(StartActualLrpRequest.class).size() < 2; i++) {
                Thread.sleep(10);
            }
        }
        List<StartActualLrpRequest> starts = bbs.callsOf(StartActualLrpRequest.class);
        assertEquals(2, starts.size());
        assertEquals(Boolean.TRUE, starts.get(1).routable());
        assertFalse(bbs.callTypes().contains(CrashActualLrpRequest.class));
    }
}
