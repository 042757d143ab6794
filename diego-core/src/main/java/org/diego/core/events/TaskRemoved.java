package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.Task;
import org.diego.core.wire.WireMessage;

@WireMessage("TaskRemovedEvent")
public record TaskRemoved(Task task) implements BbsEvent {
    public static final String TYPE = "task_removed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<EventStream> streams() {
        return Set.of(EventStream.TASKS);
    }

    @Override
    public Set<String> cellIds() {
        return Cells.of(task.cellId());
    }
}
