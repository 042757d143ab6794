package org.diego.core.convergence;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.diego.core.model.Task;

/**
 * One snapshot for a task convergence pass (Diego §2.2): every stored task, the ids of the cells whose
 * presence is live, the time in epoch nanoseconds and the durations.
 */
public record TaskConvergenceInput(List<Task> tasks, Set<String> liveCells, long nowNanos,
                                   TaskConvergenceConfig config) {
    public TaskConvergenceInput {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        liveCells = liveCells == null ? Set.of() : Set.copyOf(liveCells);
        Objects.requireNonNull(config, "config");
    }
}
