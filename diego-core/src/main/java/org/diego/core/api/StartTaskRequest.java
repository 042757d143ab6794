package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/start}: a cell asks whether it should run the task. */
@WireMessage("StartTaskRequest")
public record StartTaskRequest(String taskGuid, String cellId) {
    public StartTaskRequest validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.required("cell_id", cellId);
        return this;
    }
}
