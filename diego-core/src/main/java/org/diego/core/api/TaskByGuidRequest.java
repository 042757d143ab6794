package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/get_by_task_guid.r3}. Diego only requires the guid to be non-empty here. */
@WireMessage("TaskByGuidRequest")
public record TaskByGuidRequest(String taskGuid) {
    public TaskByGuidRequest validate() {
        Validation.required("task_guid", taskGuid);
        return this;
    }
}
