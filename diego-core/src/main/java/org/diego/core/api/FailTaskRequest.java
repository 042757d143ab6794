package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/fail}, deprecated in Diego in favour of cancel. */
@WireMessage("FailTaskRequest")
public record FailTaskRequest(String taskGuid, String failureReason) {
    public FailTaskRequest validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.required("failure_reason", failureReason);
        return this;
    }
}
