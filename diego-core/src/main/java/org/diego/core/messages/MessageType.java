package org.diego.core.messages;

import java.util.Arrays;
import java.util.Optional;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.StartTaskRequest;

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
    REJECT_TASK("reject_task", RejectTaskRequest.class);

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
