package org.diego.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.diego.core.model.Task;
import org.diego.core.wire.WireMessage;

/** What the BBS POSTs to a completed task's completion_callback_url (annotation omitted when empty, as in Diego). */
@WireMessage("TaskCallbackResponse")
public record TaskCallbackResponse(
        String taskGuid,
        boolean failed,
        String failureReason,
        String result,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String annotation,
        long createdAt) {

    public static TaskCallbackResponse of(Task task) {
        return new TaskCallbackResponse(task.taskGuid(), task.failed(), task.failureReason(), task.result(),
                task.taskDefinition() == null ? "" : task.taskDefinition().annotation(), task.createdAt());
    }
}
