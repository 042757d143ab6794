package org.diego.cell.rep;

import java.util.List;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.executor.steps.Recipe;
import org.diego.core.model.TaskDefinition;

/**
 * Builds the executor's run request for a task, like Diego's rep does from a Task: the definition's
 * rootfs, env, max_pids, cached dependencies (a CC task's lifecycle comes as one) and action tree with
 * its log guid and source; no ports, no health checks and no instance identity (tasks have none).
 */
final class TaskRunRequests {
    private TaskRunRequests() {
    }

    static RunRequest of(TaskDefinition definition) {
        Recipe recipe = new Recipe(definition.cachedDependencies(), null, definition.action(), null, null, 0, definition.logGuid(),
                definition.logSource());
        return new RunRequest(definition.rootfs(), definition.env(), List.of(), recipe, definition.maxPids());
    }
}
