package org.diego.core.api;

import java.util.List;
import org.diego.core.model.DiegoError;
import org.diego.core.model.Task;
import org.diego.core.wire.WireMessage;

@WireMessage("TasksResponse")
public record TasksResponse(DiegoError error, List<Task> tasks) {
    public TasksResponse {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public static TasksResponse of(List<Task> tasks) {
        return new TasksResponse(null, tasks);
    }
}
