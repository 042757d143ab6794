package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.Task;
import org.diego.core.wire.WireMessage;

/** A task moved; both cells matter, since completing a task clears its cell id. */
@WireMessage("TaskChangedEvent")
public record TaskChanged(Task before, Task after) implements BbsEvent {
    public static final String TYPE = "task_changed";

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
        return Cells.of(before.cellId(), after.cellId());
    }
}
