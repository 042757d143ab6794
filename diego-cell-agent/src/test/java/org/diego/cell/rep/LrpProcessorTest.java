package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.steps.ManualTime;
import org.diego.cell.executor.steps.StepSettings;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.garden.TestProcesses;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.LrpWork.LrpStart;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.messages.UpdateLrpInstance;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rep's instance lifecycle against a fake BBS and real short-lived /bin/sh processes. */
class LrpProcessorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Resources CAPACITY = new Resources(1024, 2048, 4);
    private static final String CELL = "cell-1";
    private static final Duration SIGNAL_SETTLE = Duration.ofMillis(200);

    @TempDir
    Path workDir;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final FakeBbsClient bbs = new FakeBbsClient();
    private final AtomicInteger guidCount = new AtomicInteger();
    private CellExecutor executor;
    private LrpProcessor processor;

    @BeforeEach
    void wire() {
        ProcessBackend backend = new ProcessBackend(containers(), "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        executor = new CellExecutor(backend, CAPACITY, clock);
        processor = new LrpProcessor(CELL, executor, bbs, () -> "guid-" + guidCount.incrementAndGet(), workers, 3,
                Duration.ZERO, SIGNAL_SETTLE);
    }

    @AfterEach
    void cleanUp() {
        processor.shutdown();
        executor.list().forEach(c -> executor.destroy(c.guid()));
        workers.shutdownNow();
        timers.shutdownNow();
    }

    @Test
    void refusedClaimStartsNothingAndReleasesTheReservation() throws Exception {
        bbs.responder = r -> r instanceof ClaimActualLrpRequest
                ? FakeBbsClient.refusal(ErrorType.ActualLRPCannotBeClaimed) : fail("unexpected " + r);

        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "touch ran; sleep 30")));
        awaitIdle();

        assertEquals(List.of(ClaimActualLrpRequest.class), bbs.callTypes());
        ClaimActualLrpRequest claim = bbs.callsOf(ClaimActualLrpRequest.class).get(0);
        assertEquals("pg-1", claim.processGuid());
        assertEquals(new InstanceKey("guid-1", CELL), claim.actualLrpInstanceKey());
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(containers().resolve("guid-1")));
    }

    @Test
    void unansweredClaimGivesTheWorkUp() throws Exception {
        bbs.responder = r -> {
            throw new BbsUnavailableException("no reply within 10000 ms");
        };

        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "sleep 30")));
        awaitIdle();

        assertEquals(List.of(ClaimActualLrpRequest.class), bbs.callTypes(), "a claim is never retried");
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void successfulWorkClaimsThenStartsWithNetInfo() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 2, 256, List.of(8080, 9090), "env > env.txt; exec sleep 30")));

        StartActualLrpRequest start = bbs.await(StartActualLrpRequest.class, WAIT);
        assertEquals(List.of(ClaimActualLrpRequest.class, StartActualLrpRequest.class), bbs.callTypes());
        assertEquals(new ActualLrpKey("pg-1", 2, Lrps.DOMAIN), start.actualLrpKey());
        assertEquals(new InstanceKey("guid-1", CELL), start.actualLrpInstanceKey());
        NetInfo net = start.actualLrpNetInfo();
        assertEquals("127.0.0.1", net.address());
        assertEquals("127.0.0.1", net.instanceAddress());
        assertEquals(List.of(8080, 9090), net.ports().stream().map(p -> p.containerPort()).toList());
        int hostPort = net.ports().get(0).hostPort();
        assertTrue(hostPort > 0 && hostPort != net.ports().get(1).hostPort());

        Container container = executor.lookup("guid-1").orElseThrow();
        assertEquals(ContainerState.RUNNING, container.state());
        assertEquals(new Resources(1024 - 256, 2048 - 64, 3), executor.remainingResources());

        Path envFile = containers().resolve("guid-1").resolve("env.txt");
        awaitTrue(() -> read(envFile).contains("PORT="), "the process wrote its environment");
        String env = read(envFile);
        assertTrue(env.contains("\nPORT=" + hostPort + "\n"), env);
        assertTrue(env.contains("CF_INSTANCE_PORT=" + hostPort + "\n"), env);
        assertTrue(env.contains("CF_INSTANCE_ADDR=127.0.0.1:" + hostPort + "\n"), env);
        assertTrue(env.contains("CF_INSTANCE_IP=127.0.0.1\n"), env);
        assertTrue(env.contains("INSTANCE_INDEX=2\n"), env);
        assertTrue(env.contains("CF_INSTANCE_INDEX=2\n"), env);
        assertTrue(env.contains("INSTANCE_GUID=guid-1\n"), env);
        assertTrue(env.contains("CF_INSTANCE_GUID=guid-1\n"), env);
        assertTrue(env.contains("FROM_DESIRED=desired\n"), env);
        assertTrue(env.contains("FROM_ACTION=action\n"), env);
    }

    @Test
    void convergenceDriftUpdateIsReportedAsAStartCarryingTheNewRoutesAndTags() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(8080), "exec sleep 30")));
        bbs.await(StartActualLrpRequest.class, WAIT);
        awaitIdle();
        List<ActualLrpInternalRoute> routes = List.of(new ActualLrpInternalRoute("pg-1.apps.internal"));
        Map<String, String> tags = Map.of("app_name", "renamed");

        processor.update(new UpdateLrpInstance(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN),
                new InstanceKey("guid-1", CELL), routes, tags));
        awaitTrue(() -> bbs.callsOf(StartActualLrpRequest.class).size() == 2, "a second start");

        StartActualLrpRequest again = bbs.callsOf(StartActualLrpRequest.class).get(1);
        assertEquals(new InstanceKey("guid-1", CELL), again.actualLrpInstanceKey());
        assertEquals(routes, again.internalRoutes());
        assertEquals(tags, again.metricTags());
        assertEquals(ContainerState.RUNNING, executor.lookup("guid-1").orElseThrow().state(), "the container keeps running");
    }

    @Test
    void driftUpdatesForUnknownContainersOrWithoutKeysAreIgnored() throws Exception {
        processor.update(new UpdateLrpInstance(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN),
                new InstanceKey("not-here", CELL), List.of(), Map.of("a", "b")));
        processor.update(new UpdateLrpInstance(null, new InstanceKey("guid-1", CELL), List.of(), Map.of()));
        processor.update(new UpdateLrpInstance(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN), null, List.of(), Map.of()));
        awaitIdle();

        assertTrue(bbs.callTypes().isEmpty(), "nothing reported: " + bbs.callTypes());
    }

    @Test
    void processExitingOnItsOwnIsReportedAsCrashAndReleased() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(8080), "echo dying >&2; exit 3")));

        CrashActualLrpRequest crash = bbs.await(CrashActualLrpRequest.class, WAIT);
        awaitIdle();

        assertEquals(List.of(ClaimActualLrpRequest.class, StartActualLrpRequest.class, CrashActualLrpRequest.class),
                bbs.callTypes(), "start always reaches the BBS before the crash of the same instance");
        assertEquals("LOG: Exited with status 3", crash.errorMessage(), "Diego words it with the log source");
        assertEquals(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN), crash.actualLrpKey());
        assertEquals(new InstanceKey("guid-1", CELL), crash.actualLrpInstanceKey());
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(containers().resolve("guid-1")));
    }

    @Test
    void aProcessKilledFromOutsideIsACrash() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "echo $$ > main.pid; exec sleep 30")));
        bbs.await(StartActualLrpRequest.class, WAIT);
        ProcessHandle main = awaitProcess(containers().resolve("guid-1").resolve("main.pid"));

        main.destroyForcibly();

        assertEquals("LOG: Exited with status 137", bbs.await(CrashActualLrpRequest.class, WAIT).errorMessage());
    }

    @Test
    void processesSignalledTogetherWithTheAgentAreNotReportedAsCrashes() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "echo $$ > main.pid; exec sleep 30")));
        bbs.await(StartActualLrpRequest.class, WAIT);
        ProcessHandle main = awaitProcess(containers().resolve("guid-1").resolve("main.pid"));

        main.destroy(); // as `kill -TERM -<agent pgid>` would, just before the shutdown hook runs
        processor.shutdown();
        awaitIdle();

        assertEquals(List.of(ClaimActualLrpRequest.class, StartActualLrpRequest.class), bbs.callTypes());
    }

    @Test
    void unansweredCrashIsRetriedThenTheContainerIsDestroyedAnyway() throws Exception {
        bbs.responder = r -> {
            if (r instanceof CrashActualLrpRequest) {
                throw new BbsUnavailableException("no reply");
            }
            return LifecycleResponse.OK;
        };

        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "exit 1")));
        awaitTrue(() -> bbs.callsOf(CrashActualLrpRequest.class).size() == 3, "three crash attempts");
        awaitIdle();

        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void stopKillsTheProcessTreeAndRemovesInsteadOfCrashing() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "sleep 300 & echo $! > child.pid; wait")));
        bbs.await(StartActualLrpRequest.class, WAIT);
        Path pidFile = containers().resolve("guid-1").resolve("child.pid");
        awaitTrue(() -> !read(pidFile).isBlank(), "the shell started its child");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(read(pidFile).strip())).orElseThrow();
        ProcessHandle shell = child.parent().orElseThrow();

        processor.stop(new StopLrpInstance(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN), new InstanceKey("guid-1", CELL)));

        RemoveActualLrpRequest remove = bbs.await(RemoveActualLrpRequest.class, WAIT);
        awaitIdle();
        assertEquals(List.of(ClaimActualLrpRequest.class, StartActualLrpRequest.class, RemoveActualLrpRequest.class),
                bbs.callTypes());
        assertEquals("pg-1", remove.processGuid());
        assertEquals(0, remove.index());
        assertEquals(new InstanceKey("guid-1", CELL), remove.actualLrpInstanceKey());
        awaitTrue(() -> TestProcesses.gone(child) && TestProcesses.gone(shell), "shell and its child are gone");
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(containers().resolve("guid-1")));
    }

    @Test
    void aReservationThatExpiresDuringItsClaimIsGivenUpWithoutACrash() throws Exception {
        processor.shutdown();
        ManualTime time = new ManualTime();
        ProcessBackend backend = new ProcessBackend(containers(), "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        executor = new CellExecutor(backend, CAPACITY, time, StepSettings.defaults(time), Duration.ofSeconds(60));
        processor = new LrpProcessor(CELL, executor, bbs, () -> "guid-" + guidCount.incrementAndGet(), workers, 3,
                Duration.ZERO, SIGNAL_SETTLE);
        bbs.responder = r -> {
            if (r instanceof ClaimActualLrpRequest) {
                // The claim is slow: the reservation expires meanwhile, and the completion listener hears of it.
                time.advance(Duration.ofSeconds(61));
                assertEquals(1, executor.expireReservations().size());
            }
            return FakeBbsClient.ok(r);
        };

        processor.work(Lrps.work(Lrps.start("pg-1", 3, 256, List.of(), "touch ran; sleep 30")));
        RemoveActualLrpRequest remove = bbs.await(RemoveActualLrpRequest.class, WAIT);
        awaitIdle();

        assertEquals("pg-1", remove.processGuid());
        assertEquals(3, remove.index());
        assertEquals(new InstanceKey("guid-1", CELL), remove.actualLrpInstanceKey());
        assertEquals(List.of(ClaimActualLrpRequest.class, RemoveActualLrpRequest.class), bbs.callTypes(),
                "claimed then given up: no crash for what never ran");
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(containers().resolve("guid-1")), "never created");
    }

    @Test
    void stopForAnUnknownContainerStillRemovesTheInstance() throws Exception {
        InstanceKey elsewhere = new InstanceKey("never-ran-here", CELL);
        processor.stop(new StopLrpInstance(new ActualLrpKey("pg-9", 4, Lrps.DOMAIN), elsewhere));

        RemoveActualLrpRequest remove = bbs.await(RemoveActualLrpRequest.class, WAIT);
        assertEquals("pg-9", remove.processGuid());
        assertEquals(4, remove.index());
        assertEquals(elsewhere, remove.actualLrpInstanceKey());
    }

    @Test
    void refusedStartDestroysTheContainerWithoutReportingACrash() throws Exception {
        bbs.responder = r -> r instanceof StartActualLrpRequest
                ? FakeBbsClient.refusal(ErrorType.ActualLRPCannotBeStarted)
                : LifecycleResponse.OK;

        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(8080), "exec sleep 30")));
        bbs.await(StartActualLrpRequest.class, WAIT);
        awaitIdle();
        awaitTrue(() -> executor.list().isEmpty(), "container destroyed");
        Thread.sleep(200); // the killed process's exit must not turn into a crash report
        awaitIdle();

        assertEquals(List.of(ClaimActualLrpRequest.class, StartActualLrpRequest.class), bbs.callTypes());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void duplicateWorkForALiveIndexIsSkipped() throws Exception {
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "exec sleep 30"),
                Lrps.start("pg-1", 0, 256, List.of(), "exec sleep 30")));
        bbs.await(StartActualLrpRequest.class, WAIT);
        processor.work(Lrps.work(Lrps.start("pg-1", 0, 256, List.of(), "exec sleep 30")));
        processor.work(Lrps.work(Lrps.start("pg-1", 1, 256, List.of(), "exec sleep 30")));
        awaitTrue(() -> bbs.callsOf(StartActualLrpRequest.class).size() == 2, "index 1 started");
        awaitIdle();

        List<ClaimActualLrpRequest> claims = bbs.callsOf(ClaimActualLrpRequest.class);
        assertEquals(List.of(0, 1), claims.stream().map(ClaimActualLrpRequest::index).toList());
        assertEquals(2, executor.list().size());
        assertEquals(new Resources(1024 - 512, 2048 - 128, 2), executor.remainingResources());
    }

    @Test
    void workBeyondCapacityIsRefusedWithoutClaiming() throws Exception {
        Optional<String> tooBig = processor.startInstance(Lrps.start("pg-1", 0, 4096, List.of(), "exec sleep 30"));
        for (int i = 0; i < 4; i++) {
            processor.startInstance(Lrps.start("pg-2", i, 1, List.of(), "exec sleep 30"));
        }
        Optional<String> noSlot = processor.startInstance(Lrps.start("pg-2", 4, 1, List.of(), "exec sleep 30"));
        awaitTrue(() -> bbs.callsOf(StartActualLrpRequest.class).size() == 4, "the four that fit started");

        assertTrue(tooBig.isEmpty());
        assertTrue(noSlot.isEmpty(), "no container slot left");
        assertTrue(bbs.callsOf(ClaimActualLrpRequest.class).stream().noneMatch(c -> c.processGuid().equals("pg-1")));
        assertEquals(4, bbs.callsOf(ClaimActualLrpRequest.class).size());
        awaitTrue(() -> bbs.callsOf(FailActualLrpRequest.class).size() == 2, "both refusals reported");
        assertEquals(Set.of(
                        new FailActualLrpRequest(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN), "insufficient resources: memory"),
                        new FailActualLrpRequest(new ActualLrpKey("pg-2", 4, Lrps.DOMAIN),
                                "insufficient resources: containers")),
                Set.copyOf(bbs.callsOf(FailActualLrpRequest.class)));
    }

    @Test
    void anUnansweredFailIsRetriedThenGivenUp() throws Exception {
        bbs.responder = r -> {
            throw new BbsUnavailableException("no broker");
        };
        processor.startInstance(Lrps.start("pg-1", 0, 4096, List.of(), "true"));
        awaitTrue(() -> bbs.callsOf(FailActualLrpRequest.class).size() == 3, "three attempts");
        awaitIdle();
        assertEquals(3, bbs.calls.size());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void insufficientNamesOnlyWhatIsMissing() {
        assertEquals("insufficient resources: containers, disk, memory",
                LrpProcessor.insufficient(new Resources(2, 2, 1), new Resources(1, 1, 0)));
        assertEquals("insufficient resources: disk", LrpProcessor.insufficient(new Resources(1, 2, 1),
                new Resources(1, 1, 1)));
        assertEquals("insufficient resources", LrpProcessor.insufficient(Resources.NONE, Resources.NONE));
    }

    @Test
    void malformedStartsAreIgnored() {
        LrpStart good = Lrps.start("pg-1", 0, 256, List.of(), "true");
        DesiredLrp noAction = DesiredLrp.builder().processGuid("pg-1").domain("d").rootfs("r").instances(1)
                .memoryMb(1).diskMb(1).build();

        assertTrue(processor.startInstance(new LrpStart(good.actualLrpKey(), noAction)).isEmpty());
        LrpStart mismatched = new LrpStart(new ActualLrpKey("other", 0, "d"), good.desiredLrp());
        assertTrue(processor.startInstance(mismatched).isEmpty(), "key and desired LRP disagree");
        assertTrue(processor.startInstance(new LrpStart(null, good.desiredLrp())).isEmpty());
        assertTrue(bbs.calls.isEmpty());
        assertTrue(executor.list().isEmpty());
    }

    private static ProcessHandle awaitProcess(Path pidFile) throws InterruptedException {
        awaitTrue(() -> !read(pidFile).isBlank(), "the process wrote its pid");
        return ProcessHandle.of(Long.parseLong(read(pidFile).strip())).orElseThrow();
    }

    private Path containers() {
        return workDir.resolve("containers");
    }

    private void awaitIdle() throws InterruptedException {
        awaitTrue(processor::idle, "the rep finished its operations");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
