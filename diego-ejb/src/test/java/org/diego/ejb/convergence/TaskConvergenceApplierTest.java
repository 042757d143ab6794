package org.diego.ejb.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diego.core.convergence.TaskConvergence;
import org.diego.core.convergence.TaskConvergenceConfig;
import org.diego.core.convergence.TaskConvergenceInput;
import org.diego.core.convergence.TaskConvergencePlan;
import org.diego.core.convergence.TaskConvergencePlan.Transition;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.Action;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.RunAction;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskState;
import org.diego.ejb.cluster.Fence;
import org.junit.jupiter.api.Test;

/**
 * The EJB pass's apply order and its conditional writes against an in-memory task table that behaves
 * like {@code TaskConvergenceWrites} (a write goes ahead only if state and updated_at are as read, and
 * only with the newest fencing token). Time is a constant: nothing sleeps.
 */
class TaskConvergenceApplierTest {
    static final long NOW = 1_800_000_000_000_000_000L;
    static final long SEC = 1_000_000_000L;
    static final Fence FENCE = new Fence("converger", 7);
    static final String URL = "http://cc.example/cb";

    /** The table, the sends, and a log of every call in order. */
    static final class FakeStore implements TaskConvergenceApplier.Writes, TaskConvergenceApplier.Callbacks {
        final Map<String, Task> table = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();
        final List<TaskAuctionRequest> queued = new ArrayList<>();
        final List<Task> submitted = new ArrayList<>();
        long newestToken = FENCE.token();
        String failOn = "";

        FakeStore(Task... tasks) {
            for (Task t : tasks) {
                table.put(t.taskGuid(), t);
            }
        }

        private void fence(Fence fence) {
            if (fence.token() < newestToken) {
                throw new DiegoException(ErrorType.LockCollision, "stale");
            }
        }

        private boolean asRead(Task observed) {
            if (observed.taskGuid().equals(failOn)) {
                throw new IllegalStateException("deadlock on " + failOn);
            }
            Task current = table.get(observed.taskGuid());
            return current != null && current.state() == observed.state() && current.updatedAt() == observed.updatedAt();
        }

        @Override
        public boolean transition(Transition t, Fence fence) {
            fence(fence);
            log.add("transition " + t.before().taskGuid() + " -> " + t.after().state());
            if (!asRead(t.before())) {
                return false;
            }
            table.put(t.after().taskGuid(), t.after());
            return true;
        }

        @Override
        public boolean delete(Task observed, Fence fence) {
            fence(fence);
            log.add("delete " + observed.taskGuid());
            if (!asRead(observed)) {
                return false;
            }
            table.remove(observed.taskGuid());
            return true;
        }

        @Override
        public void auction(List<TaskAuctionRequest> batch, Fence fence) {
            fence(fence);
            log.add("auction " + batch.stream().map(TaskAuctionRequest::taskGuid).toList());
            queued.addAll(batch);
        }

        @Override
        public void checkFence(Fence fence) {
            fence(fence);
            log.add("fence");
        }

        @Override
        public void submit(Task completed) {
            log.add("callback " + completed.taskGuid());
            submitted.add(completed);
        }

        TaskConvergencePlan plan() {
            return TaskConvergence.plan(new TaskConvergenceInput(List.copyOf(table.values()), Set.of("cell-1"), NOW,
                    TaskConvergenceConfig.DIEGO_DEFAULTS));
        }

        TaskConvergenceApplier.Outcome apply(TaskConvergencePlan plan) {
            return new TaskConvergenceApplier(this, this).apply(plan, FENCE);
        }
    }

    static Task task(String guid, TaskState state, String cell, long createdAgo, long updatedAgo, long completedAgo,
                     String url) {
        TaskDefinition def = new TaskDefinition("preloaded:cflinuxfs4", List.of(),
                new Action(new RunAction("/bin/true", List.of(), null, null, "vcap")), 10, 20, 0, false, "", "", "", "",
                url, "", "", List.of(), 0, "", "");
        boolean finished = state == TaskState.Completed || state == TaskState.Resolving;
        return new Task(def, guid, "cf-tasks", NOW - createdAgo, NOW - updatedAgo, finished ? NOW - completedAgo : 0,
                state, cell, "", false, "", 0, "");
    }

    static FakeStore everyStep() {
        return new FakeStore(
                task("expired", TaskState.Pending, "", 3600 * SEC, 3600 * SEC, 0, URL),
                task("waiting", TaskState.Pending, "", 10 * SEC, 10 * SEC, 0, ""),
                task("lost", TaskState.Running, "gone", 60 * SEC, 60 * SEC, 0, URL),
                task("fine", TaskState.Running, "cell-1", 60 * SEC, 60 * SEC, 0, URL),
                task("quiet", TaskState.Resolving, "", 90 * SEC, 60 * SEC, 60 * SEC, URL),
                task("quiet-old", TaskState.Resolving, "", 900 * SEC, 60 * SEC, 600 * SEC, URL),
                task("old", TaskState.Completed, "", 900 * SEC, 600 * SEC, 600 * SEC, ""),
                task("unresolved", TaskState.Completed, "", 90 * SEC, 60 * SEC, 60 * SEC, URL));
    }

    @Test
    void appliesInDiegosOrderWritesThenTheAuctionBatchThenCallbacks() {
        FakeStore store = everyStep();
        TaskConvergenceApplier.Outcome outcome = store.apply(store.plan());
        assertEquals(List.of(
                "transition expired -> Completed",
                "transition lost -> Completed",
                "transition quiet -> Completed",
                "transition quiet-old -> Completed",
                "delete quiet-old",
                "delete old",
                "auction [waiting]",
                "fence",
                "callback quiet",
                "callback unresolved"), store.log);
        assertEquals(new TaskConvergenceApplier.Outcome(2, 1, 2, 2, 2, 0, 0), outcome);
        assertEquals(Set.of("expired", "waiting", "lost", "fine", "quiet", "unresolved"), store.table.keySet());
        Task lost = store.table.get("lost");
        assertEquals("cell disappeared before completion", lost.failureReason());
        assertEquals("gone", lost.cellId());
        assertEquals("not started within time limit", store.table.get("expired").failureReason());
        assertEquals(TaskState.Completed, store.table.get("quiet").state());
        assertEquals(List.of(TaskAuctionRequest.of(store.table.get("waiting"))), store.queued);
    }

    @Test
    void aTaskAClientMovedMeanwhileIsSkippedAndItsChainedActionsWithIt() {
        FakeStore store = everyStep();
        TaskConvergencePlan plan = store.plan();
        // Between the read and the writes: the lost task's cell reports completion, a client resolves
        // the quiet task again, and another client deletes the old one.
        store.table.put("lost", store.table.get("lost").failByConvergence("exit 1", NOW - SEC));
        Task quiet = store.table.get("quiet");
        store.table.put("quiet", new Task(quiet.taskDefinition(), "quiet", quiet.domain(), quiet.createdAt(), NOW - SEC,
                quiet.firstCompletedAt(), TaskState.Resolving, "", "", false, "", 0, ""));
        store.table.remove("old");

        TaskConvergenceApplier.Outcome outcome = store.apply(plan);
        assertEquals("exit 1", store.table.get("lost").failureReason(), "the client's write wins");
        assertEquals(TaskState.Resolving, store.table.get("quiet").state(), "its resolver is back");
        assertTrue(store.submitted.stream().noneMatch(t -> t.taskGuid().equals("quiet")),
                "no callback planned for a demotion that did not happen");
        assertEquals(List.of("unresolved"), store.submitted.stream().map(Task::taskGuid).toList());
        assertEquals(new TaskConvergenceApplier.Outcome(1, 1, 1, 1, 1, 3, 0), outcome);
    }

    @Test
    void aStaleConvergerStopsAtItsFirstWrite() {
        FakeStore store = everyStep();
        store.newestToken = FENCE.token() + 1;
        TaskConvergencePlan plan = store.plan();
        DiegoException e = assertThrows(DiegoException.class, () -> store.apply(plan));
        assertEquals(ErrorType.LockCollision, e.type());
        assertEquals(everyStep().table, store.table, "nothing written");
        assertTrue(store.queued.isEmpty() && store.submitted.isEmpty(), "nothing sent");
    }

    @Test
    void aFailedWriteIsLoggedAndThePassGoesOn() {
        FakeStore store = everyStep();
        store.failOn = "quiet-old";
        TaskConvergenceApplier.Outcome outcome = store.apply(store.plan());
        assertTrue(store.table.containsKey("quiet-old"), "its demotion failed, so it is not deleted either");
        assertEquals(TaskState.Resolving, store.table.get("quiet-old").state());
        assertTrue(!store.table.containsKey("old"), "the next deletion still happens");
        assertEquals(1, store.queued.size());
        assertEquals(new TaskConvergenceApplier.Outcome(2, 1, 1, 1, 2, 0, 1), outcome);
    }

    @Test
    void nothingToDoWritesAndSendsNothing() {
        FakeStore store = new FakeStore(task("fine", TaskState.Running, "cell-1", 60 * SEC, 60 * SEC, 0, URL),
                task("new", TaskState.Completed, "", 5 * SEC, 5 * SEC, 5 * SEC, URL));
        TaskConvergenceApplier.Outcome outcome = store.apply(store.plan());
        assertEquals(List.of(), store.log);
        assertEquals(new TaskConvergenceApplier.Outcome(0, 0, 0, 0, 0, 0, 0), outcome);
    }

    @Test
    void shrunkDurationsActWithinSeconds() {
        FakeStore store = new FakeStore(task("p", TaskState.Pending, "", 21 * SEC, 21 * SEC, 0, ""),
                task("c", TaskState.Completed, "", 11 * SEC, 11 * SEC, 11 * SEC, ""));
        TaskConvergencePlan plan = TaskConvergence.plan(new TaskConvergenceInput(List.copyOf(store.table.values()),
                Set.of(), NOW, new TaskConvergenceConfig(Duration.ofSeconds(3), Duration.ofSeconds(20),
                Duration.ofSeconds(10))));
        store.apply(plan);
        assertEquals(Set.of("p"), store.table.keySet());
        assertEquals(TaskState.Completed, store.table.get("p").state());
    }
}
