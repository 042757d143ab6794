package org.diego.core.model;

import static org.diego.core.model.TaskSamples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two moves only task convergence makes, from every state (Diego's task_convergence.go updates). */
class TaskConvergenceTransitionsTest {
    static final long NOW = T0 + 1_000;

    static Function<Task, Task> op(String name) {
        return switch (name) {
            case "fail" -> t -> t.failByConvergence("cell disappeared before completion", NOW);
            case "demote" -> Task::demote;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "fail,   Pending,   Completed",
            "fail,   Running,   Completed",
            "fail,   Completed, InvalidStateTransition",
            "fail,   Resolving, InvalidStateTransition",
            "fail,   Invalid,   InvalidStateTransition",
            "demote, Pending,   InvalidStateTransition",
            "demote, Running,   InvalidStateTransition",
            "demote, Completed, InvalidStateTransition",
            "demote, Resolving, Completed",
            "demote, Invalid,   InvalidStateTransition",
    })
    void convergenceMoves(String op, TaskState from, String expected) {
        Task before = TaskSamples.in(from, 2);
        if (expected.equals("Completed")) {
            Task after = op(op).apply(before);
            assertEquals(TaskState.Completed, after.state());
            assertEquals(before.cellId(), after.cellId(), "convergence keeps the cell id");
            assertEquals(before.createdAt(), after.createdAt());
            assertEquals(before.taskDefinition(), after.taskDefinition());
            assertEquals(before.rejectionCount(), after.rejectionCount());
            assertEquals(before.rejectionReason(), after.rejectionReason());
        } else {
            DiegoException e = assertThrows(DiegoException.class, () -> op(op).apply(before));
            assertEquals(ErrorType.valueOf(expected), e.type());
            assertTrue(e.getMessage().contains(TaskSamples.GUID), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"Pending", "Running"})
    void failingStampsTheCompletionAndDropsAnyResult(TaskState from) {
        Task after = TaskSamples.in(from).failByConvergence("x".repeat(Task.MAX_REASON_LENGTH + 5), NOW);
        assertTrue(after.failed());
        assertEquals(Task.MAX_REASON_LENGTH, after.failureReason().length(), "truncated like every reason");
        assertEquals("", after.result());
        assertEquals(NOW, after.updatedAt());
        assertEquals(NOW, after.firstCompletedAt());
        assertEquals(from == TaskState.Running ? TaskSamples.CELL : "", after.cellId());
    }

    @ParameterizedTest
    @CsvSource({"Resolving"})
    void demotingChangesOnlyTheState(TaskState from) {
        Task before = TaskSamples.in(from);
        Task after = before.demote();
        assertEquals(new Task(before.taskDefinition(), before.taskGuid(), before.domain(), before.createdAt(),
                before.updatedAt(), before.firstCompletedAt(), TaskState.Completed, before.cellId(), before.result(),
                before.failed(), before.failureReason(), before.rejectionCount(), before.rejectionReason()), after);
    }
}
