package org.diego.ejb.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.api.ActualLrpsResponse;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.api.TasksResponse;
import org.diego.core.messages.ActualLrpsByCell;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.TasksByCell;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.RunningInfo;
import org.diego.core.model.Task;
import org.diego.core.model.TaskState;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Evacuations;
import org.diego.ejb.bbs.Tasks;
import org.junit.jupiter.api.Test;

/**
 * The requests a cell sends: each reaches its bean, refusals come back as the error; sync reads answer
 * lists and evacuation reports answer keep_container.
 */
class CellRequestsTest {
    private static final ActualLrpKey KEY = new ActualLrpKey("pg", 1, "d");
    private static final InstanceKey BY = new InstanceKey("ig-1", "cell-1");
    private static final NetInfo NET = new NetInfo("10.0.0.1", List.of(), "10.0.0.1");
    private static final ActualLrp ROW = ActualLrp.running(KEY, BY, RunningInfo.of(NET), 1L, "e");
    private final List<String> calls = new ArrayList<>();
    private final List<RunningInfo> starts = new ArrayList<>();
    private final CellRequests requests = new CellRequests();

    CellRequestsTest() {
        requests.actuals = new ActualLrps() {
            @Override
            public List<ActualLrp> list(String domain, String cellId, String processGuid, Integer index) {
                calls.add("list lrps " + domain + " " + cellId + " " + processGuid + " " + index);
                return List.of(ROW);
            }

            @Override
            public ActualLrp start(ActualLrpKey key, InstanceKey by, RunningInfo info) {
                starts.add(info);
                return null;
            }
        };
        requests.evacuations = new Evacuations() {
            @Override
            public EvacuationResponse claimed(ActualLrpKey key, InstanceKey by) {
                calls.add("claimed " + key.processGuid() + " " + by.instanceGuid());
                return new EvacuationResponse(null, false);
            }

            @Override
            public EvacuationResponse running(ActualLrpKey key, InstanceKey by, RunningInfo info) {
                calls.add("running " + key.processGuid() + " " + by.instanceGuid() + " " + info.netInfo().address()
                        + " " + info.availabilityZone());
                return new EvacuationResponse(null, true);
            }

            @Override
            public EvacuationResponse stopped(ActualLrpKey key, InstanceKey by) {
                calls.add("stopped " + key.processGuid() + " " + by.instanceGuid());
                return new EvacuationResponse(new DiegoError(ErrorType.ResourceNotFound, "gone"), false);
            }

            @Override
            public EvacuationResponse crashed(ActualLrpKey key, InstanceKey by, String reason) {
                calls.add("crashed " + key.processGuid() + " " + by.instanceGuid() + " " + reason);
                return new EvacuationResponse(null, false);
            }

            @Override
            public void removeEvacuating(ActualLrpKey key, InstanceKey by) {
                calls.add("remove evacuating " + key.processGuid() + " " + by.instanceGuid());
                if (by.instanceGuid().equals("none")) {
                    throw DiegoException.notFound("no evacuating row");
                }
            }
        };
        requests.tasks = new Tasks() {
            @Override
            public List<Task> list(String domain, String cellId) {
                calls.add("list tasks " + domain + " " + cellId);
                return List.of(task());
            }

            @Override
            public boolean start(String taskGuid, String cellId) {
                calls.add("start " + taskGuid + " " + cellId);
                if (taskGuid.equals("elsewhere")) {
                    throw new DiegoException(ErrorType.InvalidStateTransition, "running on another cell");
                }
                return !taskGuid.equals("already-here");
            }

            @Override
            public void complete(String taskGuid, String cellId, boolean failed, String reason, String result) {
                calls.add("complete " + taskGuid + " " + cellId + " " + failed + " " + reason + " " + result);
            }

            @Override
            public void reject(String taskGuid, String rejectionReason) {
                calls.add("reject " + taskGuid + " " + rejectionReason);
            }
        };
    }

    @Test
    void startAnswersShouldStart() {
        LifecycleResponse started = requests.handle(new StartTaskRequest("t-1", "cell-1"));
        assertTrue(started.ok() && started.shouldStart());

        LifecycleResponse again = requests.handle(new StartTaskRequest("already-here", "cell-1"));
        assertTrue(again.ok());
        assertFalse(again.shouldStart());

        LifecycleResponse refused = requests.handle(new StartTaskRequest("elsewhere", "cell-1"));
        assertEquals(ErrorType.InvalidStateTransition, refused.error().type());
        assertFalse(refused.shouldStart());
        assertEquals(List.of("start t-1 cell-1", "start already-here cell-1", "start elsewhere cell-1"), calls);
    }

    @Test
    void aStartIsRoutableUnlessTheCellSaysOtherwise() {
        ActualLrpKey key = new ActualLrpKey("app", 0, "d");
        InstanceKey by = new InstanceKey("ig", "cell-1");
        NetInfo net = new NetInfo("10.0.0.1", List.of(new PortMapping(8080, 61000)), "10.0.0.1");

        assertTrue(requests.handle(new StartActualLrpRequest(key, by, net)).ok());
        assertTrue(requests.handle(new StartActualLrpRequest(key, by, net, false)).ok());
        assertTrue(requests.handle(new StartActualLrpRequest(key, by, net, true)).ok());

        assertEquals(List.of(true, false, true), starts.stream().map(RunningInfo::routable).toList());
        assertEquals(net, starts.get(1).netInfo());
    }

    @Test
    void completeAndRejectReachTheBean() {
        assertTrue(requests.handle(new CompleteTaskRequest("t-1", "cell-1", true, "TASK: Exited with status 3", "r")).ok());
        assertTrue(requests.handle(new RejectTaskRequest("t-2", "insufficient resources: memory")).ok());
        assertEquals(List.of("complete t-1 cell-1 true TASK: Exited with status 3 r",
                "reject t-2 insufficient resources: memory"), calls);
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        LifecycleResponse noCell = requests.handle(new StartTaskRequest("t-1", ""));
        assertEquals(ErrorType.InvalidRequest, noCell.error().type());
        assertTrue(noCell.error().message().contains("cell_id"), noCell.error().message());
        assertTrue(requests.handle(new CompleteTaskRequest("bad guid!", "c", false, "", "")).error().message()
                .contains("task_guid"));
        assertTrue(requests.handle(new RejectTaskRequest("t-1", "")).error().message().contains("rejection_reason"));
        assertTrue(calls.isEmpty());
    }

    @Test
    void syncReadsListTheCellsRowsAndTasks() {
        Object lrps = requests.reply(new ActualLrpsByCell("cell-1"));
        assertEquals(ActualLrpsResponse.of(List.of(ROW)), lrps);
        Object tasks = requests.reply(new TasksByCell("cell-1"));
        assertEquals(TasksResponse.of(List.of(task())), tasks);
        assertEquals(List.of("list lrps null cell-1 null null", "list tasks null cell-1"), calls);
    }

    @Test
    void aSyncReadWithoutACellIsRefusedNotAFullList() {
        ActualLrpsResponse lrps = (ActualLrpsResponse) requests.reply(new ActualLrpsByCell(""));
        assertEquals(ErrorType.InvalidRequest, lrps.error().type());
        assertTrue(lrps.actualLrps().isEmpty());
        TasksResponse tasks = (TasksResponse) requests.reply(new TasksByCell(null));
        assertEquals(ErrorType.InvalidRequest, tasks.error().type());
        assertTrue(calls.isEmpty());
    }

    @Test
    void evacuationReportsReachTheBeanAndAnswerKeepContainer() {
        assertEquals(new EvacuationResponse(null, false),
                requests.reply(new EvacuateClaimedActualLrpRequest(KEY, BY)));
        assertEquals(new EvacuationResponse(null, true), requests.reply(
                new EvacuateRunningActualLrpRequest(KEY, BY, NET, List.of(), null, null, "z1")));
        EvacuationResponse stopped = (EvacuationResponse) requests.reply(new EvacuateStoppedActualLrpRequest(KEY, BY));
        assertEquals(ErrorType.ResourceNotFound, stopped.error().type());
        assertEquals(new EvacuationResponse(null, false),
                requests.reply(new EvacuateCrashedActualLrpRequest(KEY, BY, "Exited with status 1")));
        assertEquals(List.of("claimed pg ig-1", "running pg ig-1 10.0.0.1 z1", "stopped pg ig-1",
                "crashed pg ig-1 Exited with status 1"), calls);
    }

    @Test
    void invalidEvacuationReportsKeepClaimedAndRunningContainersOnly() {
        InstanceKey noCell = new InstanceKey("ig-1", "");
        EvacuationResponse claimed = (EvacuationResponse) requests.reply(new EvacuateClaimedActualLrpRequest(KEY, noCell));
        assertEquals(ErrorType.InvalidRequest, claimed.error().type());
        assertTrue(claimed.keepContainer());
        EvacuationResponse running = (EvacuationResponse) requests.reply(
                new EvacuateRunningActualLrpRequest(KEY, BY, null, null, null, null, null));
        assertTrue(running.keepContainer() && running.error() != null);
        assertFalse(((EvacuationResponse) requests.reply(new EvacuateStoppedActualLrpRequest(null, BY))).keepContainer());
        assertFalse(((EvacuationResponse) requests.reply(new EvacuateCrashedActualLrpRequest(KEY, BY, ""))).keepContainer());
        assertTrue(calls.isEmpty());
    }

    @Test
    void removeEvacuatingIsALifecycleRequest() {
        assertEquals(LifecycleResponse.OK, requests.reply(new RemoveEvacuatingActualLrpRequest(KEY, BY)));
        LifecycleResponse none = (LifecycleResponse) requests.reply(
                new RemoveEvacuatingActualLrpRequest(KEY, new InstanceKey("none", "cell-1")));
        assertEquals(ErrorType.ResourceNotFound, none.error().type());
        assertEquals(List.of("remove evacuating pg ig-1", "remove evacuating pg none"), calls);
    }

    @Test
    void otherRequestsStillAnswerALifecycleResponse() {
        assertEquals(LifecycleResponse.shouldStart(true), requests.reply(new StartTaskRequest("t-1", "cell-1")));
    }

    private static Task task() {
        return new Task(null, "t-1", "d", 1, 1, 0, TaskState.Running, "cell-1", "", false, "", 0, "");
    }
}
