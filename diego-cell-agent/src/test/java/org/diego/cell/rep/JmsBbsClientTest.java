package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.diego.core.json.Json;
import org.diego.core.messages.CellHeartbeat;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.TasksByCell;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DiegoError;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.RunningInfo;
import org.diego.core.model.TaskState;
import org.junit.jupiter.api.Test;

/** The request/reply and heartbeat wire behaviour, against an in-memory JMS. */
class JmsBbsClientTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final InstanceKey INSTANCE = new InstanceKey("guid-1", "cell-1");
    private static final ClaimActualLrpRequest CLAIM = new ClaimActualLrpRequest("pg", 0, INSTANCE);

    private final FakeJms jms = new FakeJms();
    private final JmsBbsClient client = new JmsBbsClient(TIMEOUT);

    /** Answers every request from inside send(), before the sender learnt the message id. */
    private void answerWith(Object response, String type) {
        jms.onSend = request -> {
            if (request.replyTo != null) {
                jms.deliver(FakeJms.name(request.replyTo), Json.write(response),
                        type == null ? Map.of() : Map.of("diego_type", type), request.messageId);
            }
        };
    }

    @Test
    void requestIsPersistentExpiresWithTheTimeoutAndNamesTheReplyQueue() {
        client.attach(jms.connection());
        answerWith(LifecycleResponse.OK, "lifecycle_response");

        LifecycleResponse response = client.claim(CLAIM);

        assertTrue(response.ok());
        FakeJms.Sent request = jms.sent.get(0);
        assertEquals("diego.bbs", request.destination);
        assertEquals("claim_actual_lrp", request.properties.get("diego_type"));
        assertEquals(DeliveryMode.PERSISTENT, request.deliveryMode);
        assertEquals(TIMEOUT.toMillis(), request.timeToLive);
        assertTrue(FakeJms.name(request.replyTo).startsWith("temp-"));
        assertEquals(CLAIM, Json.read(request.body, ClaimActualLrpRequest.class));
    }

    @Test
    void everyLifecycleCallUsesItsWireType() {
        client.attach(jms.connection());
        answerWith(LifecycleResponse.OK, "lifecycle_response");
        ActualLrpKey key = new ActualLrpKey("pg", 0, "d");

        client.start(new StartActualLrpRequest(key, INSTANCE, NetInfo.EMPTY));
        client.crash(new CrashActualLrpRequest(key, INSTANCE, "Exited with status 3"));
        client.remove(new RemoveActualLrpRequest("pg", 0, INSTANCE));

        assertEquals(List.of("start_actual_lrp", "crash_actual_lrp", "remove_actual_lrp"),
                jms.sent.stream().map(s -> s.properties.get("diego_type")).toList());
    }

    @Test
    void taskCallsUseTheirWireTypesAndStartReadsShouldStart() {
        client.attach(jms.connection());
        answerWith(LifecycleResponse.shouldStart(true), "lifecycle_response");

        assertTrue(client.startTask(new StartTaskRequest("t-1", "cell-1")).shouldStart());
        answerWith(LifecycleResponse.OK, "lifecycle_response");
        assertTrue(client.completeTask(new CompleteTaskRequest("t-1", "cell-1", false, "", "out")).ok());
        assertTrue(client.rejectTask(new RejectTaskRequest("t-2", "insufficient resources: memory")).ok());

        assertEquals(List.of("start_task", "complete_task", "reject_task"),
                jms.sent.stream().map(s -> s.properties.get("diego_type")).toList());
        assertEquals(new CompleteTaskRequest("t-1", "cell-1", false, "", "out"),
                Json.read(jms.sent.get(1).body, CompleteTaskRequest.class));
    }

    @Test
    void syncReadsAskForTheCellAndReadTheirLists() {
        client.attach(jms.connection());
        ActualLrpKey key = new ActualLrpKey("pg", 0, "d");
        ActualLrp row = ActualLrp.running(key, INSTANCE, RunningInfo.of(NetInfo.EMPTY), 1, "e");
        answerWith(ActualLrpsResponse.of(List.of(row)), "actual_lrps");
        assertEquals(List.of(row), client.actualLrps("cell-1"));
        var task = BulkSyncTest.task("t-1", TaskState.Running, "cell-1");
        answerWith(TasksResponse.of(List.of(task)), "tasks");
        assertEquals(List.of(task), client.tasks("cell-1"));

        assertEquals(List.of("actual_lrps_by_cell", "tasks_by_cell"),
                jms.sent.stream().map(s -> s.properties.get("diego_type")).toList());
        assertEquals(new ActualLrpsByCell("cell-1"), Json.read(jms.sent.get(0).body, ActualLrpsByCell.class));
        assertEquals(new TasksByCell("cell-1"), Json.read(jms.sent.get(1).body, TasksByCell.class));
    }

    @Test
    void aRefusedOrMistypedReadIsUnavailable() {
        client.attach(jms.connection());
        answerWith(new ActualLrpsResponse(new DiegoError(ErrorType.InvalidRequest, "cell_id is required"), List.of()),
                "actual_lrps");
        BbsUnavailableException refused = assertThrows(BbsUnavailableException.class, () -> client.actualLrps(""));
        assertTrue(refused.getMessage().contains("cell_id is required"), refused.getMessage());

        // The BBS answers a request it cannot decode with a lifecycle_response error, whatever was asked.
        answerWith(new LifecycleResponse(new DiegoError(ErrorType.InvalidJSON, "bad body")), "lifecycle_response");
        BbsUnavailableException undecodable = assertThrows(BbsUnavailableException.class, () -> client.tasks("cell-1"));
        assertTrue(undecodable.getMessage().contains("bad body"), undecodable.getMessage());

        answerWith(TasksResponse.of(List.of()), "tasks");
        assertThrows(BbsUnavailableException.class, () -> client.actualLrps("cell-1"));
    }

    @Test
    void evacuationReportsUseTheirWireTypesAndReadKeepContainer() {
        client.attach(jms.connection());
        ActualLrpKey key = new ActualLrpKey("pg", 0, "d");
        answerWith(new EvacuationResponse(null, true), "evacuation_response");

        assertTrue(client.evacuateRunning(new EvacuateRunningActualLrpRequest(key, INSTANCE, NetInfo.EMPTY, List.of(),
                Map.of(), null, "z1")).keepContainer());
        answerWith(new EvacuationResponse(new DiegoError(ErrorType.ResourceNotFound, "gone"), false),
                "evacuation_response");
        EvacuationResponse claimed = client.evacuateClaimed(new EvacuateClaimedActualLrpRequest(key, INSTANCE));
        assertEquals(ErrorType.ResourceNotFound, claimed.error().type());
        client.evacuateStopped(new EvacuateStoppedActualLrpRequest(key, INSTANCE));
        client.evacuateCrashed(new EvacuateCrashedActualLrpRequest(key, INSTANCE, "Exited with status 1"));
        answerWith(LifecycleResponse.OK, "lifecycle_response");
        assertTrue(client.removeEvacuating(new RemoveEvacuatingActualLrpRequest(key, INSTANCE)).ok());

        assertEquals(List.of("evacuate_running_actual_lrp", "evacuate_claimed_actual_lrp", "evacuate_stopped_actual_lrp",
                        "evacuate_crashed_actual_lrp", "remove_evacuating_actual_lrp"),
                jms.sent.stream().map(s -> s.properties.get("diego_type")).toList());
    }

    @Test
    void aRefusalIsAnAnswer() {
        client.attach(jms.connection());
        DiegoError error = new DiegoError(ErrorType.ActualLRPCannotBeClaimed, "taken");
        answerWith(new LifecycleResponse(error), "lifecycle_response");

        assertEquals(error, client.claim(CLAIM).error());
    }

    @Test
    void noReplyWithinTheTimeoutIsUnavailable() {
        client.attach(jms.connection());

        BbsUnavailableException e = assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));
        assertTrue(e.getMessage().contains("no reply to claim_actual_lrp within 300 ms"), e.getMessage());
    }

    @Test
    void aLateReplyIsDroppedAndTheNextCallStillWorks() throws Exception {
        client.attach(jms.connection());
        assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));
        FakeJms.Sent first = jms.sent.get(0);
        jms.deliverNow(FakeJms.name(first.replyTo), "{}", Map.of("diego_type", "lifecycle_response"),
                first.messageId);

        answerWith(LifecycleResponse.OK, "lifecycle_response");
        assertTrue(client.claim(CLAIM).ok());
    }

    @Test
    void aReplyOfTheWrongTypeOrUnreadableFailsTheCallAtOnce() {
        client.attach(jms.connection());
        answerWith(LifecycleResponse.OK, "lrp_work");
        assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));

        answerWith(LifecycleResponse.OK, null);
        assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));

        jms.onSend = r -> jms.deliver(FakeJms.name(r.replyTo), "{broken",
                Map.of("diego_type", "lifecycle_response"), r.messageId);
        long start = System.nanoTime();
        assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));
        assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "failed without waiting for the timeout");
    }

    @Test
    void notConnectedOrBrokenSendIsUnavailable() {
        assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));
        assertThrows(BbsUnavailableException.class, () -> client.send(heartbeat(), Duration.ofSeconds(15)));

        client.attach(jms.connection());
        jms.failSends = true;
        assertThrows(BbsUnavailableException.class, () -> client.claim(CLAIM));
    }

    @Test
    void detachFailsWaitingCallsAtOnce() throws Exception {
        client.attach(jms.connection());
        CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> {
            try {
                client.claim(CLAIM);
                return null;
            } catch (BbsUnavailableException e) {
                return e;
            }
        });
        while (jms.sent.isEmpty()) {
            Thread.sleep(1);
        }

        client.detach();

        Throwable failure = call.get(TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS);
        assertTrue(failure.getMessage().contains("connection was lost"), failure.getMessage());
    }

    @Test
    void heartbeatIsNonPersistentFireAndForgetWithItsTimeToLive() {
        client.attach(jms.connection());

        client.send(heartbeat(), Duration.ofSeconds(15));

        FakeJms.Sent sent = jms.sent.get(0);
        assertEquals("diego.bbs", sent.destination);
        assertEquals("cell_heartbeat", sent.properties.get("diego_type"));
        assertEquals(DeliveryMode.NON_PERSISTENT, sent.deliveryMode);
        assertEquals(15_000, sent.timeToLive);
        assertNull(sent.replyTo);
        assertEquals(heartbeat(), Json.read(sent.body, CellHeartbeat.class));
    }

    private static CellHeartbeat heartbeat() {
        return new CellHeartbeat(new CellPresence("cell-1", "127.0.0.1", "z1",
                new CellPresence.CellCapacity(1, 2, 3), List.of(), List.of(), List.of(), ""));
    }
}
