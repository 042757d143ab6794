package org.diego.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.RunAction;
import org.diego.core.model.RunningInfo;
import org.diego.core.model.TaskSamples;
import org.diego.core.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every JMS message kind: its wire name finds its body type, and the body survives JSON. */
class MessageTypeTest {
    static final ActualLrpKey KEY = new ActualLrpKey("app-1", 3, "cf-apps");
    static final InstanceKey IKEY = new InstanceKey("ig-1", "cell-1");
    static final DesiredLrp DESIRED = DesiredLrp.builder().processGuid("app-1").domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4").instances(4).memoryMb(256).diskMb(512).maxPids(100)
            .env(List.of(new EnvironmentVariable("A", "1")))
            .action(new Action(new RunAction("/bin/app", List.of("serve"), "/app", null, "vcap")))
            .startTimeoutMs(30_000).ports(List.of(8080)).placementTags(List.of("blue")).annotation("note")
            .modificationTag(new ModificationTag("ep", 2)).build();

    static final NetInfo NET = new NetInfo("10.0.0.1", List.of(new PortMapping(8080, 61000)), "172.16.0.9");

    /** A non-trivial body for every type; a new MessageType without a sample fails the test below. */
    static final Map<MessageType, Object> SAMPLES = new EnumMap<>(Map.ofEntries(
            Map.entry(MessageType.CELL_HEARTBEAT, new CellHeartbeat(new CellPresence("cell-1", "10.0.0.1:1800", "z1",
                    new CellPresence.CellCapacity(4096, 8192, 100),
                    List.of(new CellPresence.RootfsProvider("preloaded", List.of("cflinuxfs4"))),
                    List.of("blue"), List.of("green"), "https://cell-1:1801"))),
            Map.entry(MessageType.CLAIM_ACTUAL_LRP, new ClaimActualLrpRequest("app-1", 3, IKEY)),
            // The routable-less start (older cells) round-trips in aStartWithoutRoutableStaysUnset.
            Map.entry(MessageType.START_ACTUAL_LRP, new StartActualLrpRequest(KEY, IKEY, NET, false)),
            Map.entry(MessageType.CRASH_ACTUAL_LRP, new CrashActualLrpRequest(KEY, IKEY, "Exited with status 1")),
            Map.entry(MessageType.REMOVE_ACTUAL_LRP, new RemoveActualLrpRequest("app-1", 3, IKEY)),
            Map.entry(MessageType.LIFECYCLE_RESPONSE, new LifecycleResponse(
                    new DiegoError(ErrorType.ActualLRPCannotBeClaimed, "cannot claim"))),
            Map.entry(MessageType.LRP_WORK, new LrpWork(List.of(new LrpWork.LrpStart(KEY, DESIRED),
                    new LrpWork.LrpStart(new ActualLrpKey("app-1", 0, "cf-apps"), DESIRED)))),
            Map.entry(MessageType.STOP_LRP_INSTANCE, new StopLrpInstance(KEY, IKEY)),
            Map.entry(MessageType.UPDATE_LRP_INSTANCE, new UpdateLrpInstance(KEY, IKEY,
                    List.of(new org.diego.core.model.ActualLrpInternalRoute("app.apps.internal")),
                    Map.of("index", "3", "source_id", "app-1"))),
            Map.entry(MessageType.AUCTION_REQUEST, new AuctionRequest("app-1", "cf-apps", List.of(0, 2, 3))),
            Map.entry(MessageType.CELL_STATE_REQUEST, new CellStateRequest("cell-1")),
            Map.entry(MessageType.CELL_STATE, CellStateReportTest.SAMPLE),
            Map.entry(MessageType.FAIL_ACTUAL_LRP, new FailActualLrpRequest(KEY, "insufficient resources: memory")),
            Map.entry(MessageType.TASK_AUCTION_REQUEST, new TaskAuctionRequest("task-1", "cf-tasks", 128, 256,
                    "preloaded:cflinuxfs4", List.of("blue"), List.of("nfs"))),
            Map.entry(MessageType.CANCEL_TASK, new CancelTask("task-1")),
            Map.entry(MessageType.TASK_WORK, new TaskWork(List.of(TaskSamples.in(TaskState.Pending)))),
            Map.entry(MessageType.START_TASK, new StartTaskRequest("task-1", "cell-1")),
            Map.entry(MessageType.COMPLETE_TASK, new CompleteTaskRequest("task-1", "cell-1", true,
                    "TASK: Exited with status 2", "partial")),
            Map.entry(MessageType.REJECT_TASK, new RejectTaskRequest("task-1", "insufficient resources: memory")),
            Map.entry(MessageType.ACTUAL_LRPS_BY_CELL, new ActualLrpsByCell("cell-1")),
            Map.entry(MessageType.ACTUAL_LRPS, ActualLrpsResponse.of(List.of(
                    ActualLrp.running(KEY, IKEY, RunningInfo.of(NET), 1_000_000L, "epoch-1")))),
            Map.entry(MessageType.TASKS_BY_CELL, new TasksByCell("cell-1")),
            Map.entry(MessageType.TASKS, TasksResponse.of(List.of(TaskSamples.in(TaskState.Running)))),
            Map.entry(MessageType.EVACUATE_CLAIMED_ACTUAL_LRP, new EvacuateClaimedActualLrpRequest(KEY, IKEY)),
            Map.entry(MessageType.EVACUATE_RUNNING_ACTUAL_LRP, new EvacuateRunningActualLrpRequest(KEY, IKEY, NET,
                    List.of(), Map.of("app", "a"), true, "z1")),
            Map.entry(MessageType.EVACUATE_STOPPED_ACTUAL_LRP, new EvacuateStoppedActualLrpRequest(KEY, IKEY)),
            Map.entry(MessageType.EVACUATE_CRASHED_ACTUAL_LRP, new EvacuateCrashedActualLrpRequest(KEY, IKEY,
                    "Exited with status 1")),
            Map.entry(MessageType.REMOVE_EVACUATING_ACTUAL_LRP, new RemoveEvacuatingActualLrpRequest(KEY, IKEY)),
            Map.entry(MessageType.EVACUATION_RESPONSE, new EvacuationResponse(
                    new DiegoError(ErrorType.ResourceNotFound, "gone"), true)),
            Map.entry(MessageType.LOG_BATCH, new org.diego.core.logs.LogBatch("cell-1", List.of(
                    new org.diego.core.logs.LogEnvelope("lg", "APP/PROC/WEB", "3",
                            org.diego.core.logs.LogMessageType.OUT, "hello", 1L)),
                    List.of(new org.diego.core.logs.ContainerMetric("app-1", "ig", 3, 1.5, 10, 20, 30, 40, 1L)), 0))));

    @Test
    void everyTypeHasASample() {
        assertEquals(Set.of(MessageType.values()), SAMPLES.keySet());
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void bodyRoundTripsThroughJsonByWireName(MessageType type) {
        Object body = SAMPLES.get(type);
        assertSame(type, MessageType.of(body), "the sender picks the type from the body");
        String wire = type.wireName();
        String text = Json.write(body);

        // The receiver only has the diego_type property and the text.
        MessageType received = MessageType.fromWireName(wire).orElseThrow();
        assertSame(type, received);
        Object decoded = Json.read(text, received.bodyType());
        assertEquals(body, decoded);
        assertTrue(received.bodyType().isInstance(decoded));
        assertEquals(text, Json.write(decoded), "re-encoding is stable");
    }

    @Test
    void aStartWithoutRoutableStaysUnset() {
        StartActualLrpRequest old = new StartActualLrpRequest(KEY, IKEY, NetInfo.EMPTY);
        String text = Json.write(old);

        assertFalse(text.contains("routable"), text);
        assertEquals(old, Json.read(text, StartActualLrpRequest.class));
        StartActualLrpRequest withPorts = new StartActualLrpRequest(KEY, IKEY, NET);
        assertEquals(withPorts, Json.read(Json.write(withPorts), StartActualLrpRequest.class));
        assertNull(Json.read(Json.write(withPorts), StartActualLrpRequest.class).routable());
        assertEquals(Boolean.TRUE, Json.read(Json.write(new StartActualLrpRequest(KEY, IKEY, NetInfo.EMPTY, true)),
                StartActualLrpRequest.class).routable());
    }

    @Test
    void auctionRequestOfOneKeyCarriesOneIndex() {
        AuctionRequest one = AuctionRequest.of(KEY);
        assertEquals(new AuctionRequest("app-1", "cf-apps", List.of(3)), one);
        assertEquals("{\"process_guid\":\"app-1\",\"domain\":\"cf-apps\",\"indices\":[3]}", Json.write(one));
        assertEquals(List.of(), Json.read("{\"process_guid\":\"p\"}", AuctionRequest.class).indices());
    }

    @Test
    void taskAuctionRequestCarriesWhatPlacementNeeds() {
        var task = org.diego.core.model.TaskSamples.in(org.diego.core.model.TaskState.Pending);
        TaskAuctionRequest r = TaskAuctionRequest.of(task);
        assertEquals(new org.diego.core.auction.TaskAuction(task.taskGuid(), "cf-tasks", 128, 64,
                "preloaded:cflinuxfs4", List.of("blue"), List.of()), r.toAuction());
        assertEquals(task.taskGuid(), r.toAuction().identifier());
    }

    @Test
    void okResponseRoundTripsAsAnEmptyObject() {
        String text = Json.write(LifecycleResponse.OK);
        assertEquals("{}", text);
        LifecycleResponse back = Json.read(text, LifecycleResponse.class);
        assertTrue(back.ok());
        assertEquals(LifecycleResponse.OK, back);
    }

    @Test
    void startTaskReplyCarriesShouldStartOnlyWhenTrue() {
        assertEquals("{\"should_start\":true}", Json.write(LifecycleResponse.shouldStart(true)));
        assertEquals("{}", Json.write(LifecycleResponse.shouldStart(false)));
        assertTrue(Json.read("{\"should_start\":true}", LifecycleResponse.class).shouldStart());
        LifecycleResponse refused = Json.read("{\"error\":{\"type\":\"InvalidStateTransition\",\"message\":\"no\"}}",
                LifecycleResponse.class);
        assertEquals(ErrorType.InvalidStateTransition, refused.error().type());
        assertTrue(!refused.shouldStart() && !refused.ok());
    }

    @Test
    void wireNamesAreUniqueSnakeCase() {
        Set<String> names = new HashSet<>();
        for (MessageType t : MessageType.values()) {
            assertTrue(t.wireName().matches("[a-z]+(_[a-z]+)*"), t.wireName());
            assertTrue(names.add(t.wireName()), "duplicate wire name " + t.wireName());
            assertEquals(t.name().toLowerCase(), t.wireName(), "wire name mirrors the constant");
        }
        assertEquals(MessageType.values().length,
                Arrays.stream(MessageType.values()).map(MessageType::bodyType).distinct().count(),
                "one body type per message kind, so of(body) is unambiguous");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"unknown", "CELL_HEARTBEAT", "Cell_Heartbeat", "cell_heartbeat ", "cell-heartbeat",
            "lrp_work.r1"})
    void unknownWireNamesAreEmpty(String name) {
        assertEquals(Optional.empty(), MessageType.fromWireName(name));
    }

    @Test
    void aNonMessageBodyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MessageType.of("just a string"));
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(KEY));
    }
}
