package org.diego.cell.rep;

import java.util.List;
import org.diego.cell.executor.RunRequest;
import org.diego.core.model.TaskDefinition;

/**
 * Builds the executor's run request for a task, like Diego's rep does from a Task: the definition's
 * rootfs, env and action, no ports and no instance identity (tasks have neither).
 */
final class TaskRunRequests {
    private TaskRunRequests() {
    }

    static RunRequest of(TaskDefinition definition) {
        return new RunRequest(definition.rootfs(), definition.env(), List.of(), definition.action().run());
    }
}
