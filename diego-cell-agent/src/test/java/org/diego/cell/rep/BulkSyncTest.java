package org.diego.cell.rep;

import static org.diego.cell.rep.RepFixture.CELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.RunningInfo;
import org.diego.core.model.Task;
import org.diego.core.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reconciliation case of the bulk sync, with the BBS's rows scripted on the fake. */
class BulkSyncTest {
    @TempDir
    Path workDir;
    private RepFixture rep;
    private FakeBbsClient bbs;

    @BeforeEach
    void wire() {
        rep = new RepFixture(workDir);
        bbs = rep.bbs;
    }

    @AfterEach
    void cleanUp() {
        rep.close();
    }

    @Test
    void aRunningContainerTheBbsHasRunningAsIsCostsNoCall() throws Exception {
        String guid = runningInstance("pg-1", 0);
        StartActualLrpRequest start = bbs.callsOf(StartActualLrpRequest.class).get(0);
        bbs.rows = List.of(running(start.actualLrpKey(), start.actualLrpInstanceKey(), start.actualLrpNetInfo()));
        bbs.calls.clear();

        rep.syncAndWait();

        assertEquals(List.of("actual_lrps cell-1", "tasks cell-1"), bbs.calls);
        assertEquals(ContainerState.RUNNING, rep.executor.lookup(guid).orElseThrow().state());
    }

    @Test
    void aLostStartIsRepairedWhileTheRowIsStillClaimed() throws Exception {
        bbs.responder = r -> {
            if (r instanceof StartActualLrpRequest) {
                throw new BbsUnavailableException("no reply to start_actual_lrp");
            }
            return FakeBbsClient.ok(r);
        };
        String guid = runningInstance("pg-1", 0);
        ActualLrpKey key = new ActualLrpKey("pg-1", 0, Lrps.DOMAIN);
        InstanceKey instance = new InstanceKey(guid, CELL);
        bbs.rows = List.of(ActualLrp.unclaimed(key, 1, "e").claim(instance, 2));
        bbs.responder = FakeBbsClient::ok;
        bbs.calls.clear();

        rep.syncAndWait();

        StartActualLrpRequest again = bbs.callsOf(StartActualLrpRequest.class).get(0);
        assertEquals(key, again.actualLrpKey());
        assertEquals(instance, again.actualLrpInstanceKey());
        Container container = rep.executor.lookup(guid).orElseThrow();
        assertEquals(container.info().mappedPorts(), again.actualLrpNetInfo().ports());
        assertEquals(ContainerState.RUNNING, container.state());
    }

    @Test
    void aRunningContainerWhoseRowWasDeletedReportsItsStartAgain() throws Exception {
        // Diego's StartActualLRP re-creates a missing row, so the instance is adopted, not duplicated.
        String guid = runningInstance("pg-1", 0);
        bbs.calls.clear();

        rep.syncAndWait();

        assertEquals(List.of(StartActualLrpRequest.class), bbs.writes().stream().map(Object::getClass).toList());
        assertEquals(guid, bbs.callsOf(StartActualLrpRequest.class).get(0).actualLrpInstanceKey().instanceGuid());
        assertEquals(ContainerState.RUNNING, rep.executor.lookup(guid).orElseThrow().state());
    }

    @Test
    void aContainerWhoseIndexAnotherInstanceHoldsIsStoppedAndDestroyed() throws Exception {
        String guid = runningInstance("pg-1", 0);
        ActualLrpKey key = new ActualLrpKey("pg-1", 0, Lrps.DOMAIN);
        bbs.rows = List.of(); // the other instance's row is on another cell, so not in this cell's list
        bbs.responder = r -> r instanceof StartActualLrpRequest
                ? FakeBbsClient.refusal(ErrorType.ActualLRPCannotBeStarted)
                : r instanceof RemoveActualLrpRequest ? FakeBbsClient.refusal(ErrorType.ResourceNotFound)
                : FakeBbsClient.ok(r);
        bbs.calls.clear();

        rep.syncAndWait();
        RepFixture.awaitTrue(() -> rep.executor.lookup(guid).isEmpty(), "the container is destroyed");
        rep.awaitIdle();

        assertEquals(List.of(StartActualLrpRequest.class, RemoveActualLrpRequest.class),
                bbs.writes().stream().map(Object::getClass).toList(), "stopped, not crashed");
        assertEquals(new RemoveActualLrpRequest("pg-1", 0, new InstanceKey(guid, CELL)),
                bbs.callsOf(RemoveActualLrpRequest.class).get(0));
        assertEquals(key.processGuid(), bbs.callsOf(StartActualLrpRequest.class).get(0).actualLrpKey().processGuid());
    }

    @Test
    void aRowHeldHereWithoutAContainerIsRemoved() throws Exception {
        InstanceKey gone = new InstanceKey("gone-1", CELL);
        InstanceKey claimedGone = new InstanceKey("gone-2", CELL);
        ActualLrpKey key0 = new ActualLrpKey("pg-1", 0, Lrps.DOMAIN);
        ActualLrpKey key1 = new ActualLrpKey("pg-1", 1, Lrps.DOMAIN);
        bbs.rows = List.of(running(key0, gone, net()), ActualLrp.unclaimed(key1, 1, "e").claim(claimedGone, 2));

        rep.syncAndWait();

        assertEquals(List.of(new RemoveActualLrpRequest("pg-1", 0, gone), new RemoveActualLrpRequest("pg-1", 1, claimedGone)),
                bbs.callsOf(RemoveActualLrpRequest.class).stream()
                        .sorted(Comparator.comparingInt(RemoveActualLrpRequest::index)).toList());
        assertEquals(2, bbs.writes().size());
    }

    @Test
    void anEvacuatingRowWithoutAContainerIsRemovedAndAJointOneBoth() throws Exception {
        ActualLrpKey key0 = new ActualLrpKey("pg-1", 0, Lrps.DOMAIN);
        ActualLrpKey key1 = new ActualLrpKey("pg-1", 1, Lrps.DOMAIN);
        InstanceKey lone = new InstanceKey("evac-1", CELL);
        InstanceKey joint = new InstanceKey("joint-1", CELL);
        bbs.rows = List.of(evacuating(key0, lone), running(key1, joint, net()), evacuating(key1, joint));

        rep.syncAndWait();

        assertEquals(List.of(new RemoveActualLrpRequest("pg-1", 1, joint)), bbs.callsOf(RemoveActualLrpRequest.class));
        assertEquals(List.of(new RemoveEvacuatingActualLrpRequest(key0, lone), new RemoveEvacuatingActualLrpRequest(key1, joint)),
                bbs.callsOf(RemoveEvacuatingActualLrpRequest.class).stream()
                        .sorted(Comparator.comparingInt(r -> r.actualLrpKey().index())).toList());
    }

    @Test
    void aCompletedLrpContainerNobodyReportedIsReported() throws Exception {
        String guid = runningInstance("pg-1", 0, "sleep 0.3; exit 3");
        rep.lrps.shutdown(); // the rep that ran it falls silent before the exit
        rep.awaitState(guid, ContainerState.COMPLETED);
        rep.rewire();
        bbs.calls.clear();

        rep.syncAndWait();

        CrashActualLrpRequest crash = bbs.callsOf(CrashActualLrpRequest.class).get(0);
        assertEquals(new InstanceKey(guid, CELL), crash.actualLrpInstanceKey());
        assertEquals("LOG: Exited with status 3", crash.errorMessage(), "the executor's reason, with the log source");
        assertTrue(rep.executor.lookup(guid).isEmpty());
    }

    @Test
    void aRunningTaskWithoutAContainerFailsWithDiegosReason() throws Exception {
        bbs.tasks = List.of(task("task-1", TaskState.Running, CELL), task("task-2", TaskState.Completed, CELL));

        rep.syncAndWait();

        assertEquals(List.of(new CompleteTaskRequest("task-1", CELL, true, "task container does not exist",
                "task container does not exist")), bbs.writes());
    }

    @Test
    void aCompletedTaskContainerNobodyReportedIsCompleted() throws Exception {
        rep.tasks.work(Tasks.work(Tasks.task("task-1", 64, "sleep 0.3; echo done > r.txt", "r.txt")));
        bbs.await(StartTaskRequest.class, RepFixture.WAIT);
        rep.tasks.shutdown();
        rep.awaitState("task-1", ContainerState.COMPLETED);
        rep.rewire();
        bbs.tasks = List.of(task("task-1", TaskState.Running, CELL));
        bbs.calls.clear();

        rep.syncAndWait();

        assertEquals(List.of(new CompleteTaskRequest("task-1", CELL, false, "", "done\n")), bbs.writes());
        assertTrue(rep.executor.lookup("task-1").isEmpty());
    }

    @Test
    void aTaskContainerTheBbsNoLongerRunsHereIsDestroyedWithoutAReport() throws Exception {
        rep.tasks.work(Tasks.work(Tasks.task("task-1", 64, "exec sleep 30", ""),
                Tasks.task("task-2", 64, "exec sleep 30", "")));
        rep.awaitState("task-1", ContainerState.RUNNING);
        rep.awaitState("task-2", ContainerState.RUNNING);
        bbs.tasks = List.of(task("task-2", TaskState.Running, CELL)); // task-1 deleted
        bbs.responder = r -> r instanceof StartTaskRequest s && s.taskGuid().equals("task-1")
                ? FakeBbsClient.refusal(ErrorType.ResourceNotFound) : FakeBbsClient.ok(r);
        bbs.calls.clear();

        rep.syncAndWait();

        assertEquals(List.of(new StartTaskRequest("task-1", CELL)), bbs.writes(), "task-2 is as the BBS has it");
        assertTrue(rep.executor.lookup("task-1").isEmpty());
        assertEquals(ContainerState.RUNNING, rep.executor.lookup("task-2").orElseThrow().state());
        Thread.sleep(200);
        rep.awaitIdle();
        assertEquals(1, bbs.writes().size(), "a destroyed task container completes nothing");
    }

    @Test
    void anUnreadableBbsQueuesNothing() throws Exception {
        runningInstance("pg-1", 0);
        bbs.readsUnavailable = true;
        bbs.calls.clear();

        assertFalse(rep.sync.syncOnce());
        rep.awaitIdle();

        assertTrue(bbs.writes().isEmpty());
    }

    @Test
    void redeliveredWorkAndRepeatedSyncsStartAnInstanceOnce() throws Exception {
        String guid = runningInstance("pg-1", 0);
        rep.lrps.work(Lrps.work(Lrps.start("pg-1", 0, 64, List.of(8080), "exec sleep 30")));
        StartActualLrpRequest start = bbs.callsOf(StartActualLrpRequest.class).get(0);
        bbs.rows = List.of(running(start.actualLrpKey(), start.actualLrpInstanceKey(), start.actualLrpNetInfo()));
        rep.syncAndWait();
        rep.syncAndWait();

        assertEquals(1, bbs.callsOf(ClaimActualLrpRequest.class).size());
        assertEquals(1, bbs.callsOf(StartActualLrpRequest.class).size());
        assertEquals(List.of(guid), rep.executor.list().stream().map(Container::guid).toList());
    }

    @Test
    void aGuidWhoseEarlierSyncOperationIsStillQueuedGetsNoSecond() throws Exception {
        String guid = runningInstance("pg-1", 0);
        bbs.calls.clear();
        CountDownLatch release = new CountDownLatch(1);
        rep.lrps.enqueue(guid, "a slow operation", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        rep.sync.syncOnce();
        rep.sync.syncOnce();
        release.countDown();
        rep.awaitIdle();

        assertEquals(1, bbs.callsOf(StartActualLrpRequest.class).size(), "one start, not one per pass");
        rep.syncAndWait();
        assertEquals(2, bbs.callsOf(StartActualLrpRequest.class).size(), "a later pass queues again");
    }

    private String runningInstance(String processGuid, int index) throws InterruptedException {
        return runningInstance(processGuid, index, "exec sleep 30");
    }

    private String runningInstance(String processGuid, int index, String script) throws InterruptedException {
        int before = bbs.callsOf(StartActualLrpRequest.class).size();
        String guid = rep.lrps.startInstance(Lrps.start(processGuid, index, 64, List.of(8080), script)).orElseThrow();
        // The fake records a call before answering, so an unanswered start counts too.
        RepFixture.awaitTrue(() -> bbs.callsOf(StartActualLrpRequest.class).size() > before,
                "instance " + guid + " reported its start");
        rep.awaitIdle();
        return guid;
    }

    static ActualLrp running(ActualLrpKey key, InstanceKey by, NetInfo net) {
        return ActualLrp.running(key, by, RunningInfo.of(net), 1, "e");
    }

    static ActualLrp evacuating(ActualLrpKey key, InstanceKey by) {
        return ActualLrp.evacuating(key, by, RunningInfo.of(net()), 1, "e");
    }

    static NetInfo net() {
        return new NetInfo("127.0.0.1", List.of(), "127.0.0.1");
    }

    static Task task(String guid, TaskState state, String cellId) {
        Task pending = Tasks.task(guid, 64, "true", "");
        return new Task(pending.taskDefinition(), guid, Tasks.DOMAIN, 1, 1, 0, state, cellId, "", false, "", 0, "");
    }
}
