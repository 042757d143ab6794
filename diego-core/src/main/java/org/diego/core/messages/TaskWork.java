package org.diego.core.messages;

import java.util.List;
import org.diego.core.model.Task;

/**
 * The auctioneer's placement decision for one cell: run these tasks. The cell still asks the BBS
 * ({@code start_task}) before running each one, so a task never runs on two cells.
 */
public record TaskWork(List<Task> tasks) {
    public TaskWork {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
