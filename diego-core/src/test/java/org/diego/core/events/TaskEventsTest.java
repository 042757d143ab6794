package org.diego.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.diego.core.json.Json;
import org.diego.core.model.Task;
import org.diego.core.model.TaskSamples;
import org.diego.core.model.TaskState;
import org.diego.core.wire.WireMessage;
import org.junit.jupiter.api.Test;

/** Task events: Diego's names, the tasks stream, the cells they concern, and the trip between instances. */
class TaskEventsTest {
    static final Task RUNNING = TaskSamples.in(TaskState.Running);
    static final Task COMPLETED = RUNNING.complete(TaskSamples.CELL, false, "", "ok", TaskSamples.T0 + 5);

    @Test
    void namesAndStream() {
        assertEquals("task_created", new TaskCreated(RUNNING).type());
        assertEquals("task_changed", new TaskChanged(RUNNING, COMPLETED).type());
        assertEquals("task_removed", new TaskRemoved(COMPLETED).type());
        assertEquals("TaskCreatedEvent", TaskCreated.class.getAnnotation(WireMessage.class).value());
        assertEquals("TaskChangedEvent", TaskChanged.class.getAnnotation(WireMessage.class).value());
        assertEquals("TaskRemovedEvent", TaskRemoved.class.getAnnotation(WireMessage.class).value());
        for (BbsEvent e : new BbsEvent[] {new TaskCreated(RUNNING), new TaskChanged(RUNNING, COMPLETED), new TaskRemoved(RUNNING)}) {
            assertEquals(Set.of(EventStream.TASKS), e.streams());
            assertEquals(e.getClass(), BbsEvents.classOf(e.type()), "registered for decoding on other instances");
        }
    }

    @Test
    void aChangeConcernsTheCellBeforeAndAfter() {
        assertEquals(Set.of("cell-a"), new TaskChanged(RUNNING, COMPLETED).cellIds(), "completion cleared the cell");
        Task pending = TaskSamples.in(TaskState.Pending);
        assertEquals(Set.of(), new TaskCreated(pending).cellIds());
        assertEquals(Set.of("cell-b"), new TaskChanged(pending, pending.start("cell-b", 9)).cellIds());
        PublishedEvent p = PublishedEvent.of(new TaskChanged(RUNNING, COMPLETED));
        assertTrue(p.matches(EventStream.TASKS, "cell-a"));
        assertTrue(p.matches(EventStream.TASKS, ""));
        assertFalse(p.matches(EventStream.TASKS, "cell-b"));
        assertFalse(p.matches(EventStream.LRP_INSTANCES, ""));
    }

    @Test
    void survivesTheTripBetweenInstances() {
        TaskChanged e = new TaskChanged(RUNNING, COMPLETED);
        PublishedEvent back = PublishedEvent.decode(PublishedEvent.of(e).encode());
        assertEquals(e, Json.read(back.json(), BbsEvents.classOf(back.type())));
        assertTrue(back.json().startsWith("{\"before\":{\"rootfs\""), back.json());
    }
}
