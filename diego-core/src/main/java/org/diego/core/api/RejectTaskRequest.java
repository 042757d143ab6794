package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/reject}: the auctioneer or a cell could not place the task. */
@WireMessage("RejectTaskRequest")
public record RejectTaskRequest(String taskGuid, String rejectionReason) {
    /** Diego reports a missing reason as "failure_reason"; we name the field the client actually sent. */
    public RejectTaskRequest validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.required("rejection_reason", rejectionReason);
        return this;
    }
}
