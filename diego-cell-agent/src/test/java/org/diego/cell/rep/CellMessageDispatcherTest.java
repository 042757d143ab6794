package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.messages.CancelTask;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.messages.TaskWork;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.junit.jupiter.api.Test;

/** Poisoned messages are dropped and the next message is still handled. */
class CellMessageDispatcherTest {
    private final List<Object> handled = new ArrayList<>();
    private boolean explode;
    private final CellMessageDispatcher dispatcher = new CellMessageDispatcher(new CellWorkHandler() {
        @Override
        public void work(LrpWork work) {
            if (explode) {
                throw new IllegalStateException("boom");
            }
            handled.add(work);
        }

        @Override
        public void stop(StopLrpInstance stop) {
            handled.add(stop);
        }
    });

    private final LrpWork work = Lrps.work(Lrps.start("pg-1", 0, 128, List.of(8080), "true"));
    private final StopLrpInstance stop = new StopLrpInstance(new ActualLrpKey("pg-1", 0, "cf-apps"),
            new InstanceKey("guid-1", "cell-1"));

    @Test
    void decodesWorkAndStopByDiegoType() {
        assertTrue(dispatcher.dispatch("lrp_work", Json.write(work)));
        assertTrue(dispatcher.dispatch("stop_lrp_instance", Json.write(stop)));

        assertEquals(List.of(work, stop), handled);
    }

    @Test
    void wireFormatUsesSnakeCase() {
        String body = "{\"lrps\":[{\"actual_lrp_key\":{\"process_guid\":\"pg-1\",\"index\":3,\"domain\":\"d\"},"
                + "\"desired_lrp\":{\"process_guid\":\"pg-1\",\"memory_mb\":64,\"ports\":[8080],"
                + "\"action\":{\"run\":{\"path\":\"/bin/true\"}}}}]}";

        assertTrue(dispatcher.dispatch("lrp_work", body));

        LrpWork got = (LrpWork) handled.get(0);
        assertEquals(3, got.lrps().get(0).actualLrpKey().index());
        assertEquals(64, got.lrps().get(0).desiredLrp().memoryMb());
        assertEquals("/bin/true", got.lrps().get(0).desiredLrp().action().run().path());
    }

    @Test
    void dropsWhatItCannotReadAndKeepsGoing() {
        assertFalse(dispatcher.dispatch("lrp_work", "{not json"));
        assertFalse(dispatcher.dispatch("lrp_work", ""));
        assertFalse(dispatcher.dispatch("lrp_work", null));
        assertFalse(dispatcher.dispatch("lrp_work", "{\"lrps\":\"not a list\"}"));
        assertFalse(dispatcher.dispatch("stop_lrp_instance", "[1,2]"));
        assertFalse(dispatcher.dispatch("no_such_type", Json.write(work)));
        assertFalse(dispatcher.dispatch(null, Json.write(work)));
        assertFalse(dispatcher.dispatch(" ", Json.write(work)));
        assertFalse(dispatcher.dispatch("cell_heartbeat", "{}"), "known type, but not for a cell");
        assertTrue(handled.isEmpty());

        assertTrue(dispatcher.dispatch("lrp_work", Json.write(work)));
        assertEquals(List.of(work), handled);
    }

    @Test
    void aFailingHandlerDoesNotEscape() {
        explode = true;
        assertFalse(dispatcher.dispatch("lrp_work", Json.write(work)));

        explode = false;
        assertTrue(dispatcher.dispatch("lrp_work", Json.write(work)));
        assertEquals(1, handled.size());
    }

    @Test
    void taskWorkAndCancelGoToTheTaskHandler() {
        List<Object> tasks = new ArrayList<>();
        CellMessageDispatcher withTasks = new CellMessageDispatcher(new CellWorkHandler() {
            @Override
            public void work(LrpWork w) {
                handled.add(w);
            }

            @Override
            public void stop(StopLrpInstance s) {
                handled.add(s);
            }
        }, null, new TaskWorkHandler() {
            @Override
            public void work(TaskWork w) {
                tasks.add(w);
            }

            @Override
            public void cancel(CancelTask c) {
                tasks.add(c);
            }
        });
        TaskWork taskWork = Tasks.work(Tasks.task("task-1", 64, "true", "result.txt"));

        assertTrue(withTasks.dispatch("task_work", Json.write(taskWork)));
        assertTrue(withTasks.dispatch("cancel_task", "{\"task_guid\":\"task-1\"}"));
        assertFalse(withTasks.dispatch("task_work", "{\"tasks\":7}"));

        assertEquals(List.of(taskWork, new CancelTask("task-1")), tasks);
        assertEquals("result.txt", ((TaskWork) tasks.get(0)).tasks().get(0).taskDefinition().resultFile());
        assertTrue(handled.isEmpty());
    }

    @Test
    void aCellWithoutTasksDropsTaskMessages() {
        assertFalse(dispatcher.dispatch("task_work", Json.write(Tasks.work(Tasks.task("t", 64, "true", "")))));
        assertFalse(dispatcher.dispatch("cancel_task", "{\"task_guid\":\"t\"}"));
        assertTrue(handled.isEmpty());
    }
}
