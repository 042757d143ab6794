package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code cancel}, {@code resolving} and {@code delete}: Diego only requires a non-empty guid. */
@WireMessage("TaskGuidRequest")
public record TaskGuidRequest(String taskGuid) {
    public TaskGuidRequest validate() {
        Validation.required("task_guid", taskGuid);
        return this;
    }
}
