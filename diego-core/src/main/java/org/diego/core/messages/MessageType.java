package org.diego.core.messages;

import java.util.Arrays;
import java.util.Optional;
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
import org.diego.core.logs.LogBatch;

/** Every message kind on the wire, with its {@code diego_type} name and body record. */
public enum MessageType {
    CELL_HEARTBEAT("cell_heartbeat", CellHeartbeat.class),
    CLAIM_ACTUAL_LRP("claim_actual_lrp", ClaimActualLrpRequest.class),
    START_ACTUAL_LRP("start_actual_lrp", StartActualLrpRequest.class),
    CRASH_ACTUAL_LRP("crash_actual_lrp", CrashActualLrpRequest.class),
    REMOVE_ACTUAL_LRP("remove_actual_lrp", RemoveActualLrpRequest.class),
    LIFECYCLE_RESPONSE("lifecycle_response", LifecycleResponse.class),
    LRP_WORK("lrp_work", LrpWork.class),
    STOP_LRP_INSTANCE("stop_lrp_instance", StopLrpInstance.class),
    UPDATE_LRP_INSTANCE("update_lrp_instance", UpdateLrpInstance.class),
    AUCTION_REQUEST("auction_request", AuctionRequest.class),
    CELL_STATE_REQUEST("cell_state_request", CellStateRequest.class),
    CELL_STATE("cell_state", CellStateReport.class),
    FAIL_ACTUAL_LRP("fail_actual_lrp", FailActualLrpRequest.class),
    TASK_AUCTION_REQUEST("task_auction_request", TaskAuctionRequest.class),
    CANCEL_TASK("cancel_task", CancelTask.class),
    TASK_WORK("task_work", TaskWork.class),
    // A cell's task lifecycle requests reuse the HTTP API's bodies; the reply is a lifecycle_response.
    START_TASK("start_task", StartTaskRequest.class),
    COMPLETE_TASK("complete_task", CompleteTaskRequest.class),
    REJECT_TASK("reject_task", RejectTaskRequest.class),
    // A cell's bulk sync reads its rows; the replies reuse the HTTP API's list responses.
    ACTUAL_LRPS_BY_CELL("actual_lrps_by_cell", ActualLrpsByCell.class),
    ACTUAL_LRPS("actual_lrps", ActualLrpsResponse.class),
    TASKS_BY_CELL("tasks_by_cell", TasksByCell.class),
    TASKS("tasks", TasksResponse.class),
    // A draining cell's reports reuse the HTTP API's bodies; the reply is an evacuation_response
    // (remove_evacuating's is a lifecycle_response).
    EVACUATE_CLAIMED_ACTUAL_LRP("evacuate_claimed_actual_lrp", EvacuateClaimedActualLrpRequest.class),
    EVACUATE_RUNNING_ACTUAL_LRP("evacuate_running_actual_lrp", EvacuateRunningActualLrpRequest.class),
    EVACUATE_STOPPED_ACTUAL_LRP("evacuate_stopped_actual_lrp", EvacuateStoppedActualLrpRequest.class),
    EVACUATE_CRASHED_ACTUAL_LRP("evacuate_crashed_actual_lrp", EvacuateCrashedActualLrpRequest.class),
    REMOVE_EVACUATING_ACTUAL_LRP("remove_evacuating_actual_lrp", RemoveEvacuatingActualLrpRequest.class),
    EVACUATION_RESPONSE("evacuation_response", EvacuationResponse.class),
    // Cells to cluster on diego.logs: log lines and container metrics, no reply.
    LOG_BATCH("log_batch", LogBatch.class);

    private final String wireName;
    private final Class<?> bodyType;

    MessageType(String wireName, Class<?> bodyType) {
        this.wireName = wireName;
        this.bodyType = bodyType;
    }

    public String wireName() {
        return wireName;
    }

    public Class<?> bodyType() {
        return bodyType;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static MessageType of(Object body) {
        return Arrays.stream(values()).filter(t -> t.bodyType.isInstance(body)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a message body: " + body.getClass()));
    }
}
