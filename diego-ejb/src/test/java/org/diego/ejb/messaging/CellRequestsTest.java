package org.diego.ejb.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.RunningInfo;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.ejb.bbs.Tasks;
import org.junit.jupiter.api.Test;

/** Cell requests: each reaches its bean, refusals come back as the error. */
class CellRequestsTest {
    private final List<String> calls = new ArrayList<>();
    private final List<RunningInfo> starts = new ArrayList<>();
    private final CellRequests requests = new CellRequests();

    CellRequestsTest() {
        requests.actuals = new ActualLrps() {
            @Override
            public ActualLrp start(ActualLrpKey key, InstanceKey by, RunningInfo info) {
                starts.add(info);
                return null;
            }
        };
        requests.tasks = new Tasks() {
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
}
