package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/complete}: the running cell reports the end of the task. */
@WireMessage("CompleteTaskRequest")
public record CompleteTaskRequest(String taskGuid, String cellId, boolean failed, String failureReason, String result) {
    public CompleteTaskRequest validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.required("cell_id", cellId);
        return this;
    }
}
