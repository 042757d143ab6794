package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.model.Task;
import org.diego.core.wire.WireMessage;

@WireMessage("TaskResponse")
public record TaskResponse(DiegoError error, Task task) {
    public static TaskResponse of(Task task) {
        return new TaskResponse(null, task);
    }
}
