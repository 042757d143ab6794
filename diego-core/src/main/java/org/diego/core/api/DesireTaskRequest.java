package org.diego.core.api;

import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/desire.r2}. */
@WireMessage("DesireTaskRequest")
public record DesireTaskRequest(TaskDefinition taskDefinition, String taskGuid, String domain) {
    /** Diego's order: guid, domain, then the definition. */
    public DesireTaskRequest validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.required("domain", domain);
        Validation.required("task_definition", taskDefinition);
        taskDefinition.validate();
        return this;
    }

    /** The task this request creates, PENDING since {@code nowNanos}. */
    public Task toTask(long nowNanos) {
        return Task.pending(taskDefinition, taskGuid, domain, nowNanos);
    }
}
