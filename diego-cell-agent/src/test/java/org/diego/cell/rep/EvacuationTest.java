package org.diego.cell.rep;

import static org.diego.cell.rep.RepFixture.CELL;
import static org.diego.cell.rep.RepFixture.POLL;
import static org.diego.cell.rep.RepFixture.SYNC;
import static org.diego.cell.rep.RepFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draining a cell as Diego's rep does: the sync loop's timing, each container state's report, the
 * keep_container loop, refused work, and the evacuator's end (empty, or the timeout). Timers are manual.
 */
class EvacuationTest {
    @TempDir
    Path workDir;
    private RepFixture rep;
    private FakeBbsClient bbs;
    private SyncLoop loop;
    private final AtomicReference<Boolean> done = new AtomicReference<>();

    @BeforeEach
    void wire() {
        rep = new RepFixture(workDir);
        bbs = rep.bbs;
        loop = new SyncLoop(rep.sync, rep.scheduler, SYNC, POLL, rep.evacuation);
        new Evacuator(rep.executor, rep.scheduler, TIMEOUT, POLL, rep.evacuation, done::set);
        loop.start();
    }

    @AfterEach
    void cleanUp() {
        loop.stop();
        rep.close();
    }

    @Test
    void syncRunsEvery30sThenAtOnceAndEvery10sOnceEvacuating() {
        advance(Duration.ofSeconds(29));
        assertEquals(0, passes());
        advance(Duration.ofSeconds(1));
        assertEquals(1, passes());
        advance(SYNC);
        assertEquals(2, passes());
        advance(Duration.ofSeconds(5));

        assertTrue(rep.evacuation.evacuate());
        assertFalse(rep.evacuation.evacuate(), "evacuation starts once");
        advance(Duration.ZERO);
        assertEquals(3, passes(), "a pass at once");
        advance(Duration.ofSeconds(9));
        assertEquals(3, passes());
        advance(Duration.ofSeconds(1));
        assertEquals(4, passes());
        advance(POLL);
        assertEquals(5, passes());
        assertEquals(Boolean.TRUE, done.get(), "no container: the evacuator is done at its first check");
    }

    @Test
    void aRunningInstanceKeepsServingUntilTheBbsLetsItGo() throws Exception {
        String guid = runningInstance("pg-1", 0);
        bbs.evacuations = r -> new EvacuationResponse(null, true);
        bbs.calls.clear();

        rep.evacuation.evacuate();
        advance(Duration.ZERO);
        rep.awaitIdle();

        EvacuateRunningActualLrpRequest report = bbs.callsOf(EvacuateRunningActualLrpRequest.class).get(0);
        Container container = rep.executor.lookup(guid).orElseThrow();
        assertEquals(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN), report.actualLrpKey());
        assertEquals(new InstanceKey(guid, CELL), report.actualLrpInstanceKey());
        assertEquals(container.info().mappedPorts(), report.actualLrpNetInfo().ports());
        assertEquals("127.0.0.1", report.actualLrpNetInfo().address());
        assertEquals("z1", report.availabilityZone());
        assertEquals(ContainerState.RUNNING, container.state());

        advance(POLL);
        rep.awaitIdle();
        assertEquals(2, bbs.callsOf(EvacuateRunningActualLrpRequest.class).size(), "reported again on the next sync");
        assertEquals(ContainerState.RUNNING, rep.executor.lookup(guid).orElseThrow().state());
        assertNull(done.get());

        bbs.evacuations = r -> new EvacuationResponse(null, false); // the replacement runs elsewhere
        advance(POLL);
        rep.awaitIdle();
        assertTrue(rep.executor.lookup(guid).isEmpty(), "destroyed once the BBS said keep_container=false");
        advance(POLL);
        assertEquals(Boolean.TRUE, done.get());
        assertEquals(List.of(EvacuateRunningActualLrpRequest.class), bbs.writes().stream()
                .map(Object::getClass).distinct().toList(), "no crash or remove for a destroyed container");
    }

    @Test
    void anUnansweredRunningReportKeepsTheContainer() throws Exception {
        String guid = runningInstance("pg-1", 0);
        bbs.evacuations = r -> {
            throw new BbsUnavailableException("no reply to evacuate_running_actual_lrp");
        };

        rep.evacuation.evacuate();
        advance(Duration.ZERO);
        rep.awaitIdle();

        assertEquals(1, bbs.callsOf(EvacuateRunningActualLrpRequest.class).size());
        assertEquals(ContainerState.RUNNING, rep.executor.lookup(guid).orElseThrow().state());
    }

    @Test
    void aContainerThatNeverRanIsEvacuatedAsClaimedAndDestroyed() throws Exception {
        ActualLrpKey key = new ActualLrpKey("pg-1", 0, Lrps.DOMAIN);
        rep.executor.reserve("reserved-1", LrpTags.of(key), new Resources(64, 64, 1)).orElseThrow();

        rep.evacuation.evacuate();
        advance(Duration.ZERO);
        rep.awaitIdle();

        assertEquals(List.of(new EvacuateClaimedActualLrpRequest(key, new InstanceKey("reserved-1", CELL))),
                bbs.writes());
        assertTrue(rep.executor.list().isEmpty());
    }

    @Test
    void completedContainersAreEvacuatedAsCrashedOrStoppedAndDestroyed() throws Exception {
        String crashing = runningInstance("pg-1", 0, "sleep 1; exit 3");
        String stopping = runningInstance("pg-1", 1, "exec sleep 30");
        bbs.calls.clear();

        rep.evacuation.evacuate();
        rep.lrps.stop(new StopLrpInstance(new ActualLrpKey("pg-1", 1, Lrps.DOMAIN), new InstanceKey(stopping, CELL)));
        RepFixture.awaitTrue(() -> rep.executor.list().isEmpty(), "both containers are destroyed");
        rep.awaitIdle();

        assertEquals(List.of(new EvacuateCrashedActualLrpRequest(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN),
                new InstanceKey(crashing, CELL), "LOG: Exited with status 3")),
                bbs.callsOf(EvacuateCrashedActualLrpRequest.class), "the executor's reason, with the log source");
        assertEquals(List.of(new EvacuateStoppedActualLrpRequest(new ActualLrpKey("pg-1", 1, Lrps.DOMAIN),
                new InstanceKey(stopping, CELL))), bbs.callsOf(EvacuateStoppedActualLrpRequest.class));
        assertTrue(bbs.callsOf(CrashActualLrpRequest.class).isEmpty());
        assertTrue(bbs.callsOf(RemoveActualLrpRequest.class).isEmpty());
    }

    @Test
    void theEvacuatorGivesUpAfterItsTimeout() throws Exception {
        runningInstance("pg-1", 0);
        bbs.evacuations = r -> new EvacuationResponse(null, true);

        rep.evacuation.evacuate();
        for (Duration t = Duration.ZERO; t.compareTo(TIMEOUT) < 0; t = t.plus(POLL)) {
            advance(t.isZero() ? Duration.ZERO : POLL);
            rep.awaitIdle();
        }
        assertNull(done.get(), "still waiting just before the timeout");
        advance(POLL);

        assertEquals(Boolean.FALSE, done.get(), "timed out with a container left");
        assertEquals(1, rep.executor.list().size());
        assertTrue(bbs.callsOf(EvacuateRunningActualLrpRequest.class).size() >= 60, "reported on every 10 s sync");
    }

    @Test
    void newWorkIsRefusedWhileEvacuating() throws Exception {
        rep.evacuation.evacuate();

        rep.lrps.work(Lrps.work(Lrps.start("pg-1", 0, 64, List.of(), "exec sleep 30")));
        rep.tasks.work(Tasks.work(Tasks.task("task-1", 64, "true", "")));
        RepFixture.awaitTrue(() -> bbs.writes().size() == 2, "both refusals reported");
        rep.awaitIdle();

        assertEquals(List.of(new FailActualLrpRequest(new ActualLrpKey("pg-1", 0, Lrps.DOMAIN), "cell is evacuating")),
                bbs.callsOf(FailActualLrpRequest.class));
        assertEquals(List.of(new RejectTaskRequest("task-1", "cell is evacuating")),
                bbs.callsOf(RejectTaskRequest.class));
        assertTrue(bbs.callsOf(ClaimActualLrpRequest.class).isEmpty());
        assertTrue(rep.executor.list().isEmpty());
    }

    @Test
    void aTaskRunsToItsEndWhileTheCellEvacuates() throws Exception {
        rep.tasks.work(Tasks.work(Tasks.task("task-1", 64, "sleep 0.5", "")));
        rep.awaitState("task-1", ContainerState.RUNNING);

        rep.evacuation.evacuate();
        advance(Duration.ZERO);
        assertNull(done.get());
        CompleteTaskRequest complete = bbs.await(CompleteTaskRequest.class, RepFixture.WAIT);
        RepFixture.awaitTrue(() -> rep.executor.list().isEmpty(), "the task's container is destroyed");
        advance(POLL);

        assertEquals(new CompleteTaskRequest("task-1", CELL, false, "", ""), complete);
        assertEquals(Boolean.TRUE, done.get());
    }

    private void advance(Duration by) {
        rep.scheduler.advance(by);
    }

    private long passes() {
        return bbs.calls.stream().filter(c -> c.equals("actual_lrps " + CELL)).count();
    }

    private String runningInstance(String processGuid, int index) throws InterruptedException {
        return runningInstance(processGuid, index, "exec sleep 30");
    }

    private String runningInstance(String processGuid, int index, String script) throws InterruptedException {
        int before = bbs.callsOf(StartActualLrpRequest.class).size();
        String guid = rep.lrps.startInstance(Lrps.start(processGuid, index, 64, List.of(8080), script)).orElseThrow();
        RepFixture.awaitTrue(() -> bbs.callsOf(StartActualLrpRequest.class).size() > before, guid + " started");
        rep.awaitIdle();
        return guid;
    }
}
